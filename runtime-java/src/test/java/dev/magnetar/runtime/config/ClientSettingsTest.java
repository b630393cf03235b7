package dev.magnetar.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.magnetar.api.launch.RuntimeLaunch.Option;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.runtime.fixtures.Definitions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.pulsar.client.impl.ClientBuilderImpl;
import org.apache.pulsar.client.impl.auth.AuthenticationToken;
import org.apache.pulsar.client.impl.conf.ClientConfigurationData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The replica's Pulsar client as its launcher's trust settings make it: read from the environment, checked, applied. */
class ClientSettingsTest {
    @TempDir
    Path dir;

    private RuntimeConfig parse(Map<String, String> extra) throws Exception {
        Path jar = Files.createFile(dir.resolve("fn-" + extra.hashCode() + ".jar"));
        Map<String, String> env = new HashMap<>(extra);
        env.put(Option.FUNCTION_JSON.variable(), FunctionDocuments.toJson(Definitions.define("echo", "a.B", jar, "in", "out")));
        env.put(Option.PULSAR_URL.variable(), "pulsar+ssl://broker:6651");
        return RuntimeOptions.parse(new String[0], env);
    }

    private static ClientConfigurationData conf(RuntimeConfig config) {
        return ((ClientBuilderImpl) ClientSettings.builder(config)).getClientConfigurationData();
    }

    @Test
    void aTrustStoreFromTheEnvironmentSwitchesTheClientToKeyStoresWithoutShowingItsPassword() throws Exception {
        Path store = Files.writeString(dir.resolve("trust.p12"), "x");
        RuntimeConfig config = parse(Map.of(Option.PULSAR_TLS_TRUST_STORE.variable(), store.toString(),
                Option.PULSAR_TLS_TRUST_STORE_PASSWORD.variable(), "store-s3cret",
                Option.PULSAR_AUTH_TOKEN.variable(), "fn-jwt"));

        ClientConfigurationData conf = conf(config);
        assertThat(conf.isUseKeyStoreTls()).isTrue();
        assertThat(conf.getTlsTrustStorePath()).isEqualTo(store.toString());
        assertThat(conf.getTlsTrustStoreType()).isEqualTo("PKCS12");
        assertThat(conf.getTlsTrustStorePassword()).isEqualTo("store-s3cret");
        assertThat(conf.isTlsHostnameVerificationEnable()).as("verified unless turned off").isTrue();
        assertThat(conf.getAuthentication()).isInstanceOf(AuthenticationToken.class);
        assertThat(config.toString()).contains(store.toString()).doesNotContain("store-s3cret");
    }

    @Test
    void aPemFileAndTheVerificationSwitchesReachTheClient() throws Exception {
        Path pem = Files.writeString(dir.resolve("ca.pem"), "x");
        RuntimeConfig config = parse(Map.of(Option.PULSAR_TLS_TRUST_CERTS_FILE.variable(), pem.toString(),
                Option.PULSAR_TLS_HOSTNAME_VERIFICATION.variable(), "false",
                Option.PULSAR_TLS_ALLOW_INSECURE_CONNECTION.variable(), "true"));

        Logger logger = (Logger) LoggerFactory.getLogger(ClientSettings.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        logger.addAppender(warnings);
        ClientConfigurationData conf;
        try {
            conf = conf(config);
        } finally {
            logger.detachAppender(warnings);
        }
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).singleElement().asString()
                .startsWith("MAGNETAR_PULSAR_TLS_ALLOW_INSECURE_CONNECTION=true: this replica accepts any broker certificate");
        assertThat(conf.isUseKeyStoreTls()).isFalse();
        assertThat(conf.getTlsTrustCertsFilePath()).isEqualTo(pem.toString());
        assertThat(conf.isTlsHostnameVerificationEnable()).isFalse();
        assertThat(conf.isTlsAllowInsecureConnection()).isTrue();
    }

    @Test
    void withoutTrustSettingsTheJvmsTrustAppliesWithHostnameVerification() throws Exception {
        ClientConfigurationData conf = conf(parse(Map.of()));
        assertThat(conf.isUseKeyStoreTls()).isFalse();
        assertThat(conf.getTlsTrustCertsFilePath()).isNull();
        assertThat(conf.isTlsHostnameVerificationEnable()).isTrue();
    }

    @Test
    void aMissingFileOrAWrongSwitchIsNamedByOptionAndVariable() {
        assertThatThrownBy(() -> parse(Map.of(Option.PULSAR_TLS_TRUST_STORE.variable(), "/no/such/trust.p12")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("--pulsar-tls-trust-store (MAGNETAR_PULSAR_TLS_TRUST_STORE) /no/such/trust.p12 is not a"
                        + " readable file: give the path of the file that trusts the broker's certificate");
        assertThatThrownBy(() -> parse(Map.of(Option.PULSAR_TLS_HOSTNAME_VERIFICATION.variable(), "yes")))
                .hasMessageStartingWith("--pulsar-tls-hostname-verification (MAGNETAR_PULSAR_TLS_HOSTNAME_VERIFICATION)"
                        + " is 'yes': give true or false");
        assertThatThrownBy(() -> parse(Map.of(Option.PULSAR_TLS_TRUST_STORE.variable(), "/a",
                Option.PULSAR_TLS_TRUST_CERTS_FILE.variable(), "/b")))
                .hasMessageContaining("not both");
    }
}
