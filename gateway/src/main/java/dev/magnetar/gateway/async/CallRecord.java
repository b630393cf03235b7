package dev.magnetar.gateway.async;

import dev.magnetar.api.naming.FunctionNames;

/**
 * One asynchronous call as the gateways keep it: accepted (pending), then finished with its result, then with what
 * became of its callback. The function's name is kept so that reading the call needs the right to call it.
 *
 * @param id          the call's id ({@code X-Call-Id}); also the request's correlation id
 * @param tenant      the called function's tenant
 * @param namespace   the called function's namespace
 * @param name        the called function's name
 * @param acceptedAt  when the gateway accepted the call, epoch ms
 * @param expiresAt   when the call is forgotten, epoch ms
 * @param callbackUrl where the result is posted, or null
 * @param result      the result, or null while the call is pending
 * @param callback    what became of the callback
 */
public record CallRecord(String id, String tenant, String namespace, String name, long acceptedAt, long expiresAt,
                         String callbackUrl, CallResult result, CallbackState callback) {

    /** What became of a call's callback. */
    public enum CallbackState {
        /** The call has no callback. */
        NONE,
        /** Not delivered yet: not finished, or being tried. */
        PENDING,
        DELIVERED,
        /** Given up after its attempts, or refused by the receiver. */
        FAILED
    }

    public static CallRecord accepted(String id, String tenant, String namespace, String name, long acceptedAt,
                                      long expiresAt, String callbackUrl) {
        return new CallRecord(id, tenant, namespace, name, acceptedAt, expiresAt, callbackUrl, null,
                callbackUrl == null ? CallbackState.NONE : CallbackState.PENDING);
    }

    public boolean pending() {
        return result == null;
    }

    public String fqfn() {
        return FunctionNames.fqfn(tenant, namespace, name);
    }

    /** Finished with {@code result}, kept until {@code expiresAt}. */
    public CallRecord finish(CallResult result, long expiresAt) {
        return new CallRecord(id, tenant, namespace, name, acceptedAt, expiresAt, callbackUrl, result, callback);
    }

    public CallRecord withCallback(CallbackState state) {
        return new CallRecord(id, tenant, namespace, name, acceptedAt, expiresAt, callbackUrl, result, state);
    }

    /** Seconds from acceptance to the result, as OpenFaaS's {@code X-Duration-Seconds} reports them; 0 when pending. */
    public double durationSeconds() {
        return result == null ? 0 : Math.max(0, result.finishedAt() - acceptedAt) / 1000.0;
    }

    /** Bytes of result this record holds, for the bound on kept bytes. */
    public long resultBytes() {
        return result == null ? 0 : result.body().length;
    }
}
