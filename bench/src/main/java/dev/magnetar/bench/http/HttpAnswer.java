package dev.magnetar.bench.http;

/**
 * A complete HTTP response as the load client received it: any status, the caller decides what counts as success.
 *
 * @param status the response's status code
 * @param body   the whole response body (empty when there was none)
 */
public record HttpAnswer(int status, byte[] body) {
}
