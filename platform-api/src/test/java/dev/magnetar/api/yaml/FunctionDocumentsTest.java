package dev.magnetar.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.v1alpha1.SecretRef;
import dev.magnetar.api.v1alpha1.SubscriptionType;
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
}
