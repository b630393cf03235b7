package dev.magnetar.bench.functions;

import java.util.Arrays;
import org.apache.pulsar.functions.api.Context;
import org.apache.pulsar.functions.api.Function;

/**
 * Exclamation on raw bytes: the input with {@code '!'} appended. LocalRunner gives a {@code String} function a
 * STRING schema, which the broker refuses on the bench's schema-less (BYTES) topics; on {@code byte[]} it
 * registers no schema, so this is the exclamation LocalRunner runs.
 */
public class BytesExclamationFunction implements Function<byte[], byte[]> {

    @Override
    public byte[] process(byte[] input, Context context) {
        byte[] output = Arrays.copyOf(input, input.length + 1);
        output[input.length] = '!';
        return output;
    }
}
