package dev.magnetar.gateway.async;

import java.util.Locale;

/** The HTTP headers of asynchronous calls, named as OpenFaaS names them where it has them. */
public final class AsyncHeaders {
    /** Request and answer: the call's id; a caller may choose it. */
    public static final String CALL_ID = "X-Call-Id";
    /** Request: where to post the result. */
    public static final String CALLBACK_URL = "X-Callback-Url";
    /** Callback and result: the status a synchronous call would have answered. */
    public static final String FUNCTION_STATUS = "X-Function-Status";
    /** Callback and result: seconds from acceptance to the function's reply. */
    public static final String DURATION_SECONDS = "X-Duration-Seconds";
    /** Callback: the called function, {@code tenant/namespace/name}. */
    public static final String FUNCTION_NAME = "X-Function-Name";

    private AsyncHeaders() {
    }

    /** {@link #DURATION_SECONDS}'s value: seconds with six decimals, as OpenFaaS writes them. */
    public static String durationSeconds(CallRecord call) {
        return String.format(Locale.ROOT, "%f", call.durationSeconds());
    }
}
