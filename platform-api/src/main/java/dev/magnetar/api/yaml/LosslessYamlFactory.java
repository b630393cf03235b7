package dev.magnetar.api.yaml;

import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.io.Writer;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Writes YAML that reads back as the same strings. Jackson writes a string with a line break as a literal block,
 * which keeps printable text and {@code \n} but turns a U+0085 or U+2028 into another line break, and cannot hold a
 * control character; such a string is written double-quoted, with escapes, instead. Which strings stay bare is
 * {@link ResolvedAsStringQuoting}'s call.
 */
final class LosslessYamlFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    LosslessYamlFactory(YAMLFactoryBuilder builder) {
        super(builder);
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext context) throws IOException {
        return _dumperOptions == null
                ? new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out,
                        _version)
                : new Generator(context, _generatorFeatures, _yamlGeneratorFeatures, _quotingChecker, _objectCodec, out,
                        _dumperOptions);
    }

    static boolean literalBlockKeeps(String text) {
        return text.chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
    }

    private static final class Generator extends YAMLGenerator {
        Generator(IOContext context, int features, int yamlFeatures, StringQuotingChecker quoting, ObjectCodec codec,
                  Writer out, DumperOptions.Version version) throws IOException {
            super(context, features, yamlFeatures, quoting, codec, out, version);
        }

        Generator(IOContext context, int features, int yamlFeatures, StringQuotingChecker quoting, ObjectCodec codec,
                  Writer out, DumperOptions options) throws IOException {
            super(context, features, yamlFeatures, quoting, codec, out, options);
        }

        @Override
        public void writeString(String text) throws IOException {
            if (text != null && text.indexOf('\n') >= 0 && !literalBlockKeeps(text)) {
                _verifyValueWrite("write String value");
                _writeScalar(text, "string", DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            } else {
                super.writeString(text);
            }
        }
    }
}
