package dev.magnetar.samples.exclamation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.apache.pulsar.functions.api.Context;
import org.junit.jupiter.api.Test;

class ExclamationFunctionTest {

    @Test
    void appendsAnExclamationMark() {
        assertThat(new ExclamationFunction().process("hello", mock(Context.class))).isEqualTo("hello!");
    }

    @Test
    void keepsAnEmptyInputVisible() {
        assertThat(new ExclamationFunction().process("", mock(Context.class))).isEqualTo("!");
    }
}
