package dev.magnetar.gateway.idempotency;

/**
 * Whose key it is: one caller's key on one route. Two callers, or one caller on two functions, never share an
 * answer, whatever keys they pick.
 *
 * @param caller the authenticated principal's name; empty without authentication (every caller is the same one)
 * @param route  the called path, e.g. {@code /function/public/default/echo}: the function, and whether the call was
 *               synchronous or asynchronous
 * @param key    the {@code Idempotency-Key}
 */
public record IdempotencyScope(String caller, String route, String key) {
}
