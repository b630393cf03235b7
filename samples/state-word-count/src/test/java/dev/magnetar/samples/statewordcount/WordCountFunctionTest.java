package dev.magnetar.samples.statewordcount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.state.ByteBufferStateStore;
import org.apache.pulsar.functions.api.state.StateValue;
import org.junit.jupiter.api.Test;

class WordCountFunctionTest {

    @Test
    void addsOneToTheCounterOfEveryWord() {
        Context context = mock(Context.class);
        assertThat(new WordCountFunction().process("  the cat saw the\tdog ", context)).isNull();
        verify(context, times(2)).incrCounter("the", 1);
        verify(context).incrCounter("cat", 1);
        verify(context).incrCounter("saw", 1);
        verify(context).incrCounter("dog", 1);
        verifyNoMoreInteractions(context);
    }

    @Test
    void looksUpStoredTextCountersAndMissingKeys() {
        Context context = mock(Context.class);
        ByteBufferStateStore store = mock(ByteBufferStateStore.class);
        when(context.getFunctionName()).thenReturn("lookup");
        when(context.<ByteBufferStateStore>getStateStore("lookup")).thenReturn(store);
        when(store.getStateValue("greeting")).thenReturn(new StateValue("hello".getBytes(StandardCharsets.UTF_8), 1L,
                false));
        when(store.getStateValue("the")).thenReturn(new StateValue(ByteBuffer.allocate(Long.BYTES).putLong(0, 3).array(),
                4L, true));
        StateLookupFunction lookup = new StateLookupFunction();
        assertThat(lookup.process("greeting", context)).isEqualTo("hello");
        assertThat(lookup.process("the", context)).isEqualTo("count=3");
        assertThat(lookup.process("missing", context)).isEqualTo("(none)");
    }
}
