package dev.magnetar.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FunctionDocumentsTest {
    private static final String YAML = """
            apiVersion: magnetar.dev/v1alpha1
            kind: Function
            metadata:
              name: exclamation
            spec:
              runtime:
                className: org.example.Exclamation
                jar: target/exclamation.jar
              inputs: [in]
              output: out
              subscription:
                type: Key_Shared
              userConfig:
                greeting: hi
                times: 2
            """;

    @Test
    void roundTripsYamlAndJson() {
        Function function = FunctionDocuments.parse(YAML);

        assertThat(function.getMetadata().getName()).isEqualTo("exclamation");
        assertThat(function.getSpec().getSubscription().type()).isEqualTo(SubscriptionType.Key_Shared);
        assertThat(function.getSpec().getUserConfig()).containsEntry("times", 2);

        Function again = FunctionDocuments.parse(FunctionDocuments.toJson(function));
        assertThat(FunctionDocuments.toYaml(again)).isEqualTo(FunctionDocuments.toYaml(function));
    }

    @Test
    void aCopyIsEqualAndIndependent() {
        Function function = FunctionDocuments.parse(YAML);

        Function copy = FunctionDocuments.copy(function);
        copy.getSpec().setOutput("elsewhere");
        copy.getSpec().getUserConfig().put("times", 3);

        assertThat(FunctionDocuments.toYaml(FunctionDocuments.copy(function))).isEqualTo(FunctionDocuments.toYaml(function));
        assertThat(function.getSpec().getOutput()).isEqualTo("out");
        assertThat(function.getSpec().getUserConfig()).containsEntry("times", 2);
    }

    @Test
    void anUnknownFieldIsAnErrorNamingItsPath() {
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("output: out", "outptu: out")))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.outptu: Unrecognized field \"outptu\"")
                .hasMessageContaining("check its spelling");
    }

    @Test
    void aValueWhereASecretReferenceBelongsIsRefusedWithoutEchoingIt() {
        String withSecrets = YAML + "  secrets: {DB_PASSWORD: hunter2-db}\n";
        String withToken = YAML + "  pulsarAuth: {token: eyJhbGciOiJIUzI1NiJ9.hunter2-jwt}\n";

        assertThatThrownBy(() -> FunctionDocuments.parse(withSecrets)).isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.secrets.DB_PASSWORD: expected a reference to a Secret")
                .message().doesNotContain("hunter2");
        assertThatThrownBy(() -> FunctionDocuments.parse(withToken)).isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.pulsarAuth.token: expected a reference to a Secret")
                .message().doesNotContain("hunter2");
    }

    @Test
    void aFunctionsPulsarTokenIsASecretReference() {
        Function function = FunctionDocuments.parse(YAML + "  pulsarAuth: {token: {name: orders-fn, key: jwt}}\n");

        assertThat(function.getSpec().getPulsarAuth().token()).isEqualTo(new SecretRef("orders-fn", "jwt"));
        assertThat(FunctionDocuments.toYaml(function)).contains("pulsarAuth:", "name: orders-fn", "key: jwt");
    }

    @Test
    void aBadEnumValueListsTheAcceptedOnes() {
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("Key_Shared", "Exclusive")))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.subscription.type: 'Exclusive' is not accepted; use one of [")
                .hasMessageContaining("Shared").hasMessageContaining("Key_Shared").hasMessageContaining("Failover");
    }

    @Test
    void aDocumentOfAnotherApiVersionIsRefusedNotRewritten() {
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("magnetar.dev/v1alpha1", "v9")))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("apiVersion: 'v9' is not accepted")
                .hasMessageContaining("magnetar.dev/v1alpha1");
    }

    @Test
    void aDocumentOfAnotherKindIsRefusedNotRewritten() {
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("kind: Function", "kind: Pod")))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("kind: 'Pod' is not accepted")
                .hasMessageContaining("Function");
        assertThatThrownBy(() -> FunctionDocuments.parse("{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\"}"))
                .isInstanceOf(DocumentException.class)
                .hasMessageContaining("apiVersion: 'apps/v1'").hasMessageContaining("kind: 'Deployment'");
    }

    @Test
    void aDocumentWithoutApiVersionAndKindIsStillAFunction() {
        Function function = FunctionDocuments.parse(YAML.replace("apiVersion: magnetar.dev/v1alpha1\n", "")
                .replace("kind: Function\n", ""));

        assertThat(function.getApiVersion()).isEqualTo(Function.API_VERSION);
        assertThat(function.getKind()).isEqualTo("Function");
        assertThat(function.getMetadata().getName()).isEqualTo("exclamation");
    }

    @Test
    void emptyAndMalformedDocumentsAreClearErrors() {
        assertThatThrownBy(() -> FunctionDocuments.parse(""))
                .isInstanceOf(DocumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FunctionDocuments.parse("metadata: {name: x"))
                .isInstanceOf(DocumentException.class).hasMessageContaining("line 1, column 11");
        assertThatThrownBy(() -> FunctionDocuments.parse("spec: [a, b]"))
                .isInstanceOf(DocumentException.class)
                .hasMessage("spec: expected a mapping of fields, got a list");
    }

    @Test
    void stringsThatYamlReadsAsNumbersKeepTheirValueWhenStored() {
        Function function = FunctionDocuments.parse(YAML);
        Map<String, String> env = new LinkedHashMap<>();
        for (String value : List.of("0x10", "1_000", "1e3", "-0", "+1", ".inf", ".NaN", "0b101", "1:30", "12", "on")) {
            env.put("V" + env.size(), value);
        }
        function.getSpec().setEnv(env);
        function.getSpec().getUserConfig().put("version", "1.0");

        String stored = FunctionDocuments.toYaml(function);
        Function reread = FunctionDocuments.parse(stored);

        assertThat(reread.getSpec().getEnv()).isEqualTo(env);
        assertThat(reread.getSpec().getUserConfig()).containsEntry("version", "1.0").containsEntry("times", 2);
        assertThat(stored).contains("name: exclamation", "greeting: hi", "V0: \"0x10\"");
    }

    @Test
    void keysAndValuesWithLineBreaksOtherThanNewlineKeepThemWhenStored() {
        Function function = FunctionDocuments.parse(YAML);
        function.getSpec().getUserConfig().put("!\u0085", "a\u2028b\u0085");
        function.getSpec().getUserConfig().put("caf\u00e9", "\u00e9t\u00e9");
        function.getSpec().getUserConfig().put("lines", "one\ntwo\u0085three\r\n");
        function.getSpec().getUserConfig().put("block", "plain\ntext\n");

        Function reread = FunctionDocuments.parse(FunctionDocuments.toYaml(function));

        assertThat(reread.getSpec().getUserConfig()).isEqualTo(function.getSpec().getUserConfig());
        assertThat(FunctionDocuments.toYaml(function)).as("printable text keeps its literal block").contains("block: |");
    }

    @Test
    void jsonIsReadAsJsonEvenWithCharactersYamlRefusesOrFolds() {
        Function function = FunctionDocuments.parse(YAML);
        function.getSpec().getUserConfig().put("text", "a\uffffb\u0085c\u2028d");

        Function reread = FunctionDocuments.parse(FunctionDocuments.toJson(function));

        assertThat(reread.getSpec().getUserConfig()).containsEntry("text", "a\uffffb\u0085c\u2028d");
        assertThat(FunctionDocuments.parse("{metadata: {name: flow}, spec: {inputs: [in]}}").getMetadata().getName())
                .isEqualTo("flow");
    }

    @Test
    void aDocumentOverTheLimitIsRefusedUnread() {
        String huge = "metadata: {name: \"" + "x".repeat(FunctionDocuments.MAX_DOCUMENT_CHARS) + "\"}";

        assertThatThrownBy(() -> FunctionDocuments.parse(huge)).isInstanceOf(DocumentException.class)
                .hasMessageContaining("over the limit of " + FunctionDocuments.MAX_DOCUMENT_CHARS)
                .hasNoCause();
    }

    @Test
    void aValueThatQuotesJacksonsOwnMessagesIsStillAClearError() {
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("output: out",
                "timeoutMs: 1not one of the values accepted for Enum class:000")))
                .isInstanceOf(DocumentException.class)
                .hasMessageStartingWith("spec.timeoutMs: '1not one of the values accepted for Enum class:000' is not accepted");
        assertThatThrownBy(() -> FunctionDocuments.parse(YAML.replace("type: Key_Shared", "type: \"from Array value\"")))
                .isInstanceOf(DocumentException.class)
                .hasMessage("spec.subscription.type: 'from Array value' is not accepted; use one of [Shared, Key_Shared,"
                        + " Failover]");
    }
}
