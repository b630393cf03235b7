package dev.magnetar.runtime.loading;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the type arguments a class gives to a generic interface, following superclasses and
 * super-interfaces and substituting type variables on the way, e.g. the {@code String} in
 * {@code class Upper extends Base<String>} where {@code Base<T> implements Function<T, T>}.
 */
public final class TypeArguments {
    private TypeArguments() {
    }

    /** The {@code index}-th type argument {@code type} gives {@code target}; empty when erased or not found. */
    public static Optional<Type> of(Class<?> type, Class<?> target, int index) {
        Type[] arguments = find(type, target, new HashMap<>());
        if (arguments == null || index >= arguments.length || arguments[index] instanceof TypeVariable<?>) {
            return Optional.empty();
        }
        return Optional.of(arguments[index]);
    }

    private static Type[] find(Type type, Class<?> target, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw = raw(type);
        if (raw == null) {
            return null;
        }
        Type[] arguments = null;
        if (type instanceof ParameterizedType parameterized) {
            Type[] actual = parameterized.getActualTypeArguments();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            arguments = new Type[actual.length];
            for (int i = 0; i < actual.length; i++) {
                arguments[i] = substitute(actual[i], bindings);
                bindings.put(variables[i], arguments[i]);
            }
        }
        if (raw == target) {
            return arguments;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type[] found = find(parent, target, new HashMap<>(bindings));
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, target, new HashMap<>(bindings));
    }

    private static Type substitute(Type type, Map<TypeVariable<?>, Type> bindings) {
        return type instanceof TypeVariable<?> variable ? bindings.getOrDefault(variable, variable) : type;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> plain) {
            return plain;
        }
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> plain) {
            return plain;
        }
        return null;
    }
}
