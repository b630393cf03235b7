package dev.magnetar.cli.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.cli.config.ClientConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client configs standalone --auth writes: the CLI reads them, and a user's own default is left alone. */
class ClientConfigsTest {
    @TempDir
    Path dir;
    private Path data;
    private Path token;
    private Path defaultConfig;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(dir.resolve("data"));
        token = Files.writeString(Files.createDirectories(data.resolve("auth")).resolve("superuser.token"), "a.b.c\n");
        defaultConfig = dir.resolve("home/.magnetar/client.conf");
    }

    @Test
    void bothConfigsAreWrittenOwnerOnlyAndTheCliReadsTheUrlAndToken() throws IOException {
        ClientConfigs configs = ClientConfigs.write(data, defaultConfig, "http://127.0.0.1:7751", token);

        assertThat(configs.defaultWritten()).isTrue();
        for (Path file : new Path[] {configs.dataConfig(), defaultConfig}) {
            assertThat(ClientConfig.read(file)).isEqualTo(new ClientConfig("http://127.0.0.1:7751", "a.b.c"));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(Files.readString(file)).doesNotContain("a.b.c");
        }
        assertThat(configs.dataConfig()).isEqualTo(data.resolve("client.conf"));
    }

    @Test
    void aDefaultConfigWrittenForTheSameTokenFollowsTheNewUrl() {
        ClientConfigs.write(data, defaultConfig, "http://127.0.0.1:7751", token);

        ClientConfigs again = ClientConfigs.write(data, defaultConfig, "http://127.0.0.1:7752", token);

        assertThat(again.defaultWritten()).isTrue();
        assertThat(ClientConfig.read(defaultConfig).webServiceUrl()).isEqualTo("http://127.0.0.1:7752");
    }

    @Test
    void aDefaultConfigOfTheUsersOwnIsLeftAsItIs() throws IOException {
        Files.createDirectories(defaultConfig.getParent());
        String own = "webServiceUrl=https://prod:7750\nauthParams=token:mine\n";
        Files.writeString(defaultConfig, own);

        ClientConfigs configs = ClientConfigs.write(data, defaultConfig, "http://127.0.0.1:7750", token);

        assertThat(configs.defaultWritten()).isFalse();
        assertThat(Files.readString(defaultConfig)).isEqualTo(own);
        assertThat(ClientConfig.read(configs.dataConfig()).token()).isEqualTo("a.b.c");
    }
}
