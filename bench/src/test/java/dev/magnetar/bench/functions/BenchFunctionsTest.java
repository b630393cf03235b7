package dev.magnetar.bench.functions;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;


class BenchFunctionsTest {

    @Test
    void bytesExclamationAppendsAnExclamationMark() {
        byte[] out = new BytesExclamationFunction().process("hi".getBytes(StandardCharsets.UTF_8), null);
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo("hi!");
    }

    @Test
    void ioBoundAnswersWithTheInputOnceTheDelayHasPassed() throws Exception {
        // A Context answering only the user config lookup, as the runtimes pass it.
        Context context = (Context) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> method.getName().equals("getUserConfigValueOrDefault")
                        && IoBoundFunction.DELAY_MS.equals(args[0]) ? "1" : null);
        byte[] input = {1, 2, 3};
        assertThat(new IoBoundFunction().process(input, context).get()).isEqualTo(input);
    }
}
