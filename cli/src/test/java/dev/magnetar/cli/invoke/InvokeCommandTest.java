package dev.magnetar.cli.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.CliRun;
import dev.magnetar.cli.FakeControlPlane.Request;
import dev.magnetar.cli.FakeControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


/** {@code magnetar invoke}: what goes to the gateway, what is printed back. */
class InvokeCommandTest {
    private FakeControlPlane gateway;

    @BeforeEach
    void setUp() throws IOException {
        gateway = new FakeControlPlane();
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void postsTheDataAndPrintsTheOutput() {
        gateway.answer(200, "text/plain", "hello!");

        CliRun run = CliRun.of("invoke", "exclamation", "--admin-url", gateway.url(), "--data", "hello",
                "--timeout-ms", "2500");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("hello!" + System.lineSeparator());
        Request request = gateway.lastRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/function/public/default/exclamation");
        assertThat(request.timeoutHeader()).isEqualTo("2500");
        assertThat(request.contentType()).isEqualTo("text/plain; charset=utf-8");
        assertThat(request.body()).isEqualTo("hello");
    }

    @Test
    void dataFileIsSentAsIsWithItsContentType(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("order.json"), "{\"id\":1}");

        CliRun run = CliRun.of("invoke", "enrich", "--tenant", "acme", "--namespace", "shop", "--admin-url",
                gateway.url(), "--data-file", file.toString(), "--content-type", "application/json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(gateway.lastRequest().path()).isEqualTo("/function/acme/shop/enrich");
        assertThat(gateway.lastRequest().contentType()).isEqualTo("application/json");
        assertThat(gateway.lastRequest().body()).isEqualTo("{\"id\":1}");
    }

    @Test
    void gatewayTimeoutIsOneLineWithTheStatus() {
        gateway.answer(504, "{\"reason\":\"no reply from public/default/slow within 1000 ms\"}");

        CliRun run = CliRun.of("invoke", "slow", "--admin-url", gateway.url(), "--data", "x");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: no reply from public/default/slow within 1000 ms (HTTP 504)"
                + System.lineSeparator());
    }

    @Test
    void dataAndDataFileExcludeEachOther() {
        CliRun run = CliRun.of("invoke", "x", "--admin-url", gateway.url(), "--data", "a", "--data-file", "b");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("mutually exclusive").doesNotContain("Exception");
        assertThat(gateway.requests()).isEmpty();
    }
}
