package dev.magnetar.samples.wordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.client.api.TypedMessageBuilder;
import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;

class WordCountFunctionTest {

    @Test
    @SuppressWarnings("unchecked")
    void publishesOneCountPerDistinctWordAndReturnsASummary() throws Exception {
        Context context = contextWith(Map.of(WordCountFunction.COUNTS_TOPIC, "counts", WordCountFunction.MIN_LENGTH, 2));
        TypedMessageBuilder<String> builder = mock(TypedMessageBuilder.class, RETURNS_SELF);
        when(builder.sendAsync()).thenReturn(CompletableFuture.completedFuture((MessageId) null));
        when(context.newOutputMessage(eq("counts"), any(Schema.class))).thenReturn(builder);

        String summary = new WordCountFunction().process("to be or not to be a", context).get();

        assertThat(summary).isEqualTo("6 words, 4 distinct");
        verify(builder).value("to=2");
        verify(builder).value("be=2");
        verify(builder).value("or=1");
        verify(builder).value("not=1");
        verify(builder).key("to");
    }

    @Test
    void honoursTheSeparator() {
        Context context = contextWith(Map.of(WordCountFunction.SEPARATOR, ","));
        assertThat(WordCountFunction.count("a b,a b,c", context)).containsExactly(Map.entry("a b", 2), Map.entry("c", 1));
    }

    @Test
    void namesTheMissingUserConfig() {
        Context context = contextWith(Map.of());
        assertThatThrownBy(() -> new WordCountFunction().process("x", context))
                .hasMessageContaining("countsTopic");
    }

    private static Context contextWith(Map<String, Object> config) {
        Context context = mock(Context.class);
        when(context.getUserConfigValue(anyString())).thenAnswer(call -> Optional.ofNullable(config.get(call.getArgument(0))));
        when(context.getUserConfigValueOrDefault(anyString(), any()))
                .thenAnswer(call -> config.getOrDefault(call.getArgument(0), call.getArgument(1)));
        return context;
    }
}
