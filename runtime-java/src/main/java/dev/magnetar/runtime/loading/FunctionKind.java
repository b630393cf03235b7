package dev.magnetar.runtime.loading;

/** The function interfaces the Java runtime can run. */
public enum FunctionKind {
    /** {@code org.apache.pulsar.functions.api.Function}: gets a Context, has initialize/close. */
    PULSAR(org.apache.pulsar.functions.api.Function.class),
    /** {@code java.util.function.Function}: input in, output out. */
    JAVA(java.util.function.Function.class);

    private final Class<?> type;

    FunctionKind(Class<?> type) {
        this.type = type;
    }

    public Class<?> type() {
        return type;
    }

    static FunctionKind of(Class<?> implementation) {
        for (FunctionKind kind : values()) {
            if (kind.type.isAssignableFrom(implementation)) {
                return kind;
            }
        }
        return null;
    }
}
