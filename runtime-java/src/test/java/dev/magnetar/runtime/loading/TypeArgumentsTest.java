package dev.magnetar.runtime.loading;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;


class TypeArgumentsTest {
    static class Direct implements org.apache.pulsar.functions.api.Function<String, Integer> {
        public Integer process(String input, Context context) {
            return 1;
        }
    }

    abstract static class Base<T> implements java.util.function.Function<T, CompletableFuture<T>> {
    }

    static class ViaBase extends Base<byte[]> {
        public CompletableFuture<byte[]> apply(byte[] input) {
            return CompletableFuture.completedFuture(input);
        }
    }

    interface ListFunction<E> extends java.util.function.Function<List<E>, String> {
    }

    static class ViaInterface implements ListFunction<Long> {
        public String apply(List<Long> input) {
            return "";
        }
    }

    @SuppressWarnings("rawtypes")
    static class Raw implements java.util.function.Function {
        public Object apply(Object input) {
            return input;
        }
    }

    @Test
    void findsDirectArguments() {
        assertThat(TypeArguments.of(Direct.class, org.apache.pulsar.functions.api.Function.class, 0)).contains(String.class);
        assertThat(TypeArguments.of(Direct.class, org.apache.pulsar.functions.api.Function.class, 1)).contains(Integer.class);
    }

    @Test
    void substitutesVariablesThroughAGenericSuperclass() {
        assertThat(TypeArguments.of(ViaBase.class, java.util.function.Function.class, 0)).contains(byte[].class);
        assertThat(TypeArguments.of(ViaBase.class, java.util.function.Function.class, 1).orElseThrow())
                .isInstanceOf(ParameterizedType.class);
    }

    @Test
    void followsGenericSuperInterfaces() {
        assertThat(TypeArguments.raw(TypeArguments.of(ViaInterface.class, java.util.function.Function.class, 0).orElseThrow()))
                .isEqualTo(List.class);
        assertThat(TypeArguments.of(ViaInterface.class, java.util.function.Function.class, 1)).contains(String.class);
    }

    @Test
    void isEmptyForRawTypes() {
        assertThat(TypeArguments.of(Raw.class, java.util.function.Function.class, 0)).isEmpty();
    }
}
