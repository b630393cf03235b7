package dev.magnetar.api.function;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The function interfaces Magnetar runs, in the order a class is matched against them: the rule the
 * runtime follows when it loads a function and the control plane follows when it checks one before
 * accepting a definition. The interfaces are named rather than referenced (this module has no Pulsar
 * dependency) and are looked up through the class loader of the class being matched, so each side sees
 * the API its function is loaded with.
 */
public enum FunctionKind {
    /** {@code org.apache.pulsar.functions.api.Function}: gets a Context, has initialize/close. */
    PULSAR("org.apache.pulsar.functions.api.Function"),
    /** {@code java.util.function.Function}: input in, output out. */
    JAVA("java.util.function.Function"),
    /**
     * {@code org.apache.pulsar.functions.api.WindowFunction}: a window's records and a WindowContext in, a result out.
     * Runs only with {@code spec.window}, which also makes a {@link #JAVA} function of a {@code Collection} a window
     * function.
     */
    WINDOW("org.apache.pulsar.functions.api.WindowFunction");

    private final String interfaceName;

    FunctionKind(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** This kind's interface as {@code implementation}'s class loader sees it; empty when it sees none. */
    public Optional<Class<?>> interfaceOf(Class<?> implementation) {
        try {
            return Optional.of(Class.forName(interfaceName, false, implementation.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The first kind {@code implementation} implements; empty when it implements none. */
    public static Optional<FunctionKind> of(Class<?> implementation) {
        return Arrays.stream(values())
                .filter(kind -> kind.interfaceOf(implementation).filter(t -> t.isAssignableFrom(implementation)).isPresent())
                .findFirst();
    }

    /**
     * What keeps {@code implementation} from being run as a function, in words for its author; empty when
     * nothing does. The runtime creates the instance, so an abstract class or an interface cannot be one.
     */
    public static Optional<String> problem(Class<?> implementation) {
        if (of(implementation).isEmpty()) {
            return Optional.of(implementation.getName() + " implements neither " + supported()
                    + ": implement one of them");
        }
        if (Modifier.isAbstract(implementation.getModifiers())) {
            return Optional.of(implementation.getName() + " is abstract: name a concrete class that the runtime can"
                    + " create");
        }
        return Optional.empty();
    }

    /**
     * As {@link #problem(Class)}, for a definition with ({@code windowed}) or without {@code spec.window}: a
     * WindowFunction needs windows, and windows need a WindowFunction or a java.util.function.Function (of a
     * collection, which the runtime checks).
     */
    public static Optional<String> problem(Class<?> implementation, boolean windowed) {
        Optional<String> problem = problem(implementation);
        if (problem.isPresent()) {
            return problem;
        }
        FunctionKind kind = of(implementation).orElseThrow();
        if (kind == WINDOW && !windowed) {
            return Optional.of(implementation.getName() + " is a WindowFunction: give spec.window (--window-length-count"
                    + " or --window-length-duration-ms) so the runtime collects its windows");
        }
        if (kind == PULSAR && windowed) {
            return Optional.of(implementation.getName() + " is a Pulsar Function, which takes one message at a time, but"
                    + " spec.window is set: implement " + WINDOW.interfaceName + " or java.util.function.Function of a"
                    + " Collection, or remove spec.window");
        }
        return Optional.empty();
    }

    /** Every interface, for messages: {@code "A nor B"} reads after "neither". */
    private static String supported() {
        return Arrays.stream(values()).map(FunctionKind::interfaceName).collect(Collectors.joining(" nor "));
    }
}
