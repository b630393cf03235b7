package dev.magnetar.api.yaml;

import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Leaves a string bare only when YAML reads it back as that same string; everything else is written in double
 * quotes, whose escapes are exact.
 *
 * <p>Jackson's own check misses forms that YAML 1.1 resolves to numbers ({@code 0x10}, {@code 1_000},
 * {@code 1e3}, {@code .inf}, {@code 1:30}): written bare, an env value {@code 0x10} would come back from the store
 * as {@code 16}, and {@code .inf} would not read at all. The parser decides with the same {@link Resolver}, so
 * asking it keeps writing and reading in step. Left to itself, the emitter puts a string it cannot write bare in
 * single quotes, where a line break other than {@code \n} (U+0085, U+2028) reads back as a space; so a string
 * with any character outside printable ASCII is double-quoted too.
 */
final class ResolvedAsStringQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;
    private static final Resolver RESOLVER = new Resolver();

    @Override
    public boolean needToQuoteName(String name) {
        return super.needToQuoteName(name) || !printableAscii(name);
    }

    @Override
    public boolean needToQuoteValue(String value) {
        return super.needToQuoteValue(value) || !printableAscii(value)
                || !Tag.STR.equals(RESOLVER.resolve(NodeId.scalar, value, true));
    }

    private static boolean printableAscii(String text) {
        return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
