package dev.magnetar.controlplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.Violation;
import dev.magnetar.api.yaml.FunctionDocuments;
import dev.magnetar.controlplane.store.FunctionRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathAgreementTest {
    private static final FunctionRef PATH = new FunctionRef("acme", "orders", "enrich");

    @Test
    void fillsInWhatTheDocumentLeavesOut() {
        Function document = FunctionDocuments.parse("""
                spec:
                  runtime: {className: a.B, jar: /tmp/x.jar}
                  inputs: [in]
                """);

        assertThat(PathAgreement.align(PATH, document)).isEmpty();
        assertThat(FunctionRef.of(document)).isEqualTo(PATH);
    }

    @Test
    void acceptsADocumentThatAgrees() {
        Function document = FunctionDocuments.parse("""
                metadata: {name: enrich}
                spec: {tenant: acme, namespace: orders}
                """);

        assertThat(PathAgreement.align(PATH, document)).isEmpty();
    }

    @Test
    void reportsEveryDisagreementNamingBothValues() {
        Function document = FunctionDocuments.parse("""
                metadata: {name: other}
                spec: {tenant: public, namespace: default}
                """);

        List<Violation> violations = PathAgreement.align(PATH, document);

        assertThat(violations).extracting(Violation::field)
                .containsExactly("metadata.name", "spec.tenant", "spec.namespace");
        assertThat(violations.get(0).message()).contains("'other'", "'enrich'");
        assertThat(violations.get(1).message()).contains("'public'", "'acme'");
    }

    @Test
    void aDocumentWithoutSpecOnlyGetsItsName() {
        Function document = FunctionDocuments.parse("metadata: {}\n");

        assertThat(PathAgreement.align(PATH, document)).isEmpty();
        assertThat(document.getMetadata().getName()).isEqualTo("enrich");
    }
}
