package dev.magnetar.gateway.async;

/**
 * A finished call's outcome, as the synchronous gateway would have answered it.
 *
 * @param status      the HTTP status a synchronous call would have got: 200, or 500 when the function failed
 * @param contentType the body's media type
 * @param body        the function's output, or the error answer's JSON when it failed
 * @param finishedAt  when the function's reply was published, epoch ms
 */
public record CallResult(int status, String contentType, byte[] body, long finishedAt) {
    public CallResult {
        body = body == null ? new byte[0] : body;
    }
}
