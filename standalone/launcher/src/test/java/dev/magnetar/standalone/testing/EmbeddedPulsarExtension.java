package dev.magnetar.standalone.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects the JVM's shared {@link EmbeddedPulsar} into test constructors, lifecycle methods and
 * test methods: {@code @ExtendWith(EmbeddedPulsarExtension.class)} then a parameter of that type.
 */
public final class EmbeddedPulsarExtension implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedPulsar.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return EmbeddedPulsar.shared();
    }
}
