package dev.magnetar.samples.statewordcount;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;
import org.apache.pulsar.functions.api.state.ByteBufferStateStore;
import org.apache.pulsar.functions.api.state.StateValue;

/**
 * Answers a key with what the function's state holds for it: the text stored by {@code putState} (or by
 * {@code magnetar functions putstate}), {@code count=N} for a counter, {@code (none)} when the key has no value.
 */
public class StateLookupFunction implements Function<String, String> {

    @Override
    public String process(String key, Context context) {
        ByteBufferStateStore store = context.getStateStore(context.getFunctionName());
        StateValue value = store.getStateValue(key);
        if (value == null) {
            return "(none)";
        }
        if (Boolean.TRUE.equals(value.getIsNumber())) {
            return "count=" + ByteBuffer.wrap(value.getValue()).getLong();
        }
        return new String(value.getValue(), StandardCharsets.UTF_8);
    }
}
