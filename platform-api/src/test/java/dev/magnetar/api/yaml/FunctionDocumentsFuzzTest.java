package dev.magnetar.api.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.magnetar.api.v1alpha1.Function;
import dev.magnetar.api.validation.DefinitionInvariants;
import java.nio.charset.StandardCharsets;

/**
 * Any text sent as a Function document (the admin API's body, a file given to the CLI) is either read into a
 * Function that then satisfies {@link DefinitionInvariants}, or refused with a {@link DocumentException} that says
 * why. Committed inputs live in {@code FunctionDocumentsFuzzTestInputs/}.
 */
class FunctionDocumentsFuzzTest {

    /** The resource's field names and YAML's indicators, which byte mutations alone reach slowly. */
    @DictionaryEntries({"apiVersion: ", "magnetar.dev/v1alpha1", "kind: Function", "metadata:", "name: ", "spec:",
        "runtime:", "className: ", "jar: ", "image: ", "inputs: ", "topicsPattern: ", "output: ", "logTopic: ",
        "subscription:", "type: ", "initialPosition: ", "processingGuarantee: ", "maxRedeliveries: ",
        "deadLetterTopic: ", "timeoutMs: ", "concurrency: ", "replicas: ", "autoscaling:", "maxReplicas: ",
        "userConfig:", "secrets:", "env:", "resources:", "cpu: ", "memory: ", "pod:", "tolerations:", "affinity:",
        "labels:", "pulsarAuth:", "token:", "key: ", "\"spec\":", "\"env\":", "\"userConfig\":", "? ", "- ",
        "!!str ", "!!binary ", "&a ", "*a", "<<: ", "---", "...", "~", ".inf", "0x1F", "1_000", "\\u0085",
        "\\uffff", "|-", ">-"})
    @FuzzTest(maxDuration = "60s")
    void anyTextIsReadOrRefusedWithADocumentError(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        Function function;
        try {
            function = FunctionDocuments.parse(text);
        } catch (DocumentException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        DefinitionInvariants.check(function);
    }
}
