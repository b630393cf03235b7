package dev.magnetar.controlplane.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.magnetar.api.layout.Installation;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.controlplane.testing.TestJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A class is looked up in its jar as the runtime would, but apart from the control plane and without running it. */
class ClassInJarTest {
    private static final String EXCLAMATION = "dev.magnetar.samples.exclamation.ExclamationFunction";
    private static final Path SAMPLE = Installation.current().samplesDir().resolve("exclamation/target/exclamation.jar");

    @TempDir
    Path dir;

    @Test
    void theSampleFunctionIsAccepted() {
        assertThat(ClassInJar.check(SAMPLE, EXCLAMATION)).isEmpty();
    }

    @Test
    void bothFunctionInterfacesAreAccepted() {
        Path jar = TestJars.jar(dir, "both.jar", Map.of(
                "fn.Pulsar", """
                        package fn;
                        import org.apache.pulsar.functions.api.Context;
                        public class Pulsar implements org.apache.pulsar.functions.api.Function<String, String> {
                            public String process(String input, Context context) { return input; }
                        }""",
                "fn.Plain", """
                        package fn;
                        public class Plain implements java.util.function.Function<String, String> {
                            public String apply(String input) { return input; }
                        }"""));

        assertThat(ClassInJar.check(jar, "fn.Pulsar")).isEmpty();
        assertThat(ClassInJar.check(jar, "fn.Plain")).isEmpty();
    }

    @Test
    void aSerdeOrSchemaClassMustBeInTheJarAndBeASerdeOrSchema() {
        Path jar = TestJars.jar(dir, "codecs.jar", Map.of(
                "fn.Upper", """
                        package fn;
                        public class Upper implements org.apache.pulsar.functions.api.SerDe<String> {
                            public String deserialize(byte[] input) { return new String(input).toUpperCase(); }
                            public byte[] serialize(String input) { return input.getBytes(); }
                        }""",
                "fn.NotACodec", """
                        package fn;
                        public class NotACodec {
                        }"""));

        assertThat(ClassInJar.checkCodec(jar, "spec.outputSerdeClassName", "fn.Upper")).isEmpty();
        assertThat(ClassInJar.checkCodec(jar, "spec.outputSerdeClassName", "fn.NotACodec")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("implements neither"));
        assertThat(ClassInJar.checkCodec(jar, "spec.inputSpecs.in.serdeClassName", "fn.Missing")).singleElement()
                .satisfies(v -> {
                    assertThat(v.field()).isEqualTo("spec.inputSpecs.in.serdeClassName");
                    assertThat(v.message()).contains("'fn.Missing' is not in the jar");
                });
    }

    @Test
    void aWindowFunctionIsAcceptedWithAWindowOnlyAndAPulsarFunctionWithoutOne() {
        Path jar = TestJars.jar(dir, "window.jar", Map.of(
                "fn.Count", """
                        package fn;
                        import java.util.Collection;
                        import org.apache.pulsar.functions.api.Record;
                        import org.apache.pulsar.functions.api.WindowContext;
                        public class Count implements org.apache.pulsar.functions.api.WindowFunction<String, Integer> {
                            public Integer process(Collection<Record<String>> input, WindowContext context) {
                                return input.size();
                            }
                        }""",
                "fn.Pulsar", """
                        package fn;
                        import org.apache.pulsar.functions.api.Context;
                        public class Pulsar implements org.apache.pulsar.functions.api.Function<String, String> {
                            public String process(String input, Context context) { return input; }
                        }"""));

        assertThat(ClassInJar.check(jar, "fn.Count", true)).isEmpty();
        assertThat(ClassInJar.check(jar, "fn.Count", false)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("WindowFunction", "spec.window"));
        assertThat(ClassInJar.check(jar, "fn.Pulsar", true)).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("spec.window"));
    }

    @Test
    void aClassThatIsNotInTheJarNamesTheClassTheJarAndTheOneWithThatName() {
        List<Violation> violations = ClassInJar.check(SAMPLE, "dev.magnetar.samples.ExclamationFunction");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.runtime.className");
            assertThat(v.message()).contains("'dev.magnetar.samples.ExclamationFunction' is not in the jar " + SAMPLE)
                    .contains("did you mean " + EXCLAMATION);
        });
        assertThat(ClassInJar.check(SAMPLE, "org.example.Nothing")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("'org.example.Nothing' is not in the jar")
                        .contains("check the fully qualified class name").doesNotContain("did you mean"));
    }

    @Test
    void aClassThatIsNotAFunctionNamesBothInterfaces() {
        Path jar = TestJars.jar(dir, "helper.jar", Map.of("fn.Helper", "package fn; public class Helper { }"));

        assertThat(ClassInJar.check(jar, "fn.Helper")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.runtime.className");
            assertThat(v.message()).contains("fn.Helper", "org.apache.pulsar.functions.api.Function",
                    "java.util.function.Function", "implement one of them");
        });
    }

    @Test
    void anAbstractFunctionCannotBeCreated() {
        Path jar = TestJars.jar(dir, "abstract.jar", Map.of("fn.Base", """
                package fn;
                public abstract class Base implements java.util.function.Function<String, String> { }"""));

        assertThat(ClassInJar.check(jar, "fn.Base")).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("fn.Base is abstract", "concrete class"));
    }

    @Test
    void staticInitializersDoNotRun() {
        Path jar = TestJars.jar(dir, "static.jar", Map.of("fn.Loud", """
                package fn;
                public class Loud implements java.util.function.Function<String, String> {
                    static { System.setProperty("magnetar.test.loud", "ran"); }
                    public String apply(String input) { return input; }
                }"""));

        assertThat(ClassInJar.check(jar, "fn.Loud")).isEmpty();
        assertThat(System.getProperty("magnetar.test.loud")).isNull();
    }

    @Test
    void theControlPlanesOwnClassPathIsNotVisible() {
        Path jar = TestJars.jar(dir, "borrowing.jar", Map.of("fn.Borrowing", """
                package fn;
                public class Borrowing implements java.util.function.Function<String, String>,
                        io.micronaut.core.naming.Named {
                    public String apply(String input) { return input; }
                    public String getName() { return "borrowing"; }
                }"""), io.micronaut.core.naming.Named.class);

        assertThat(ClassInJar.check(jar, "fn.Borrowing")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.runtime.className");
            assertThat(v.message()).contains("cannot load fn.Borrowing", "it needs io.micronaut.core.naming.Named",
                    "put it into the jar");
        });
    }

    @Test
    void aFileThatIsNotAJarNamesTheJar() throws IOException {
        Path text = Files.writeString(dir.resolve("fn.jar"), "not really a jar");

        assertThat(ClassInJar.check(text, "fn.Plain")).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("spec.runtime.jar");
            assertThat(v.message()).contains(text + " is not a jar");
        });
    }

    @Test
    void theJarIsClosedAfterTheCheck() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeThat(Files.isDirectory(fds)).as("a /proc file system").isTrue();
        Path jar = Files.copy(SAMPLE, dir.resolve("closed.jar"));

        ClassInJar.check(jar, EXCLAMATION);
        ClassInJar.check(jar, "org.example.Nothing");

        assertThat(openFiles(fds)).doesNotContain(jar.toRealPath());
    }

    private static List<Path> openFiles(Path fds) throws IOException {
        try (Stream<Path> links = Files.list(fds)) {
            return links.flatMap(link -> {
                try {
                    return Stream.of(Files.readSymbolicLink(link));
                } catch (IOException e) {
                    return Stream.empty(); // closed while listing
                }
            }).toList();
        }
    }
}
