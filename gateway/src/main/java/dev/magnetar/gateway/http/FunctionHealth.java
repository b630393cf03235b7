package dev.magnetar.gateway.http;

/**
 * Whether a function can take calls now, as far as its {@link FunctionDirectory} knows. Only a function
 * whose every replica is failing is {@code failing}: one whose replicas are starting, or that runs none on
 * purpose (scaled to zero, stopped), is not, and a call to it waits for a replica as usual.
 *
 * @param failing true when no replica is ready and every one is failing (crash-looping)
 * @param reason  why, in words the caller can act on (the replicas' last error); null unless failing
 */
public record FunctionHealth(boolean failing, String reason) {
    /** Not known to be failing: calls go ahead. */
    public static final FunctionHealth UNKNOWN = new FunctionHealth(false, null);

    public static FunctionHealth failing(String reason) {
        return new FunctionHealth(true, reason);
    }
}
