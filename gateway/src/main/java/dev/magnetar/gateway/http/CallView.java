package dev.magnetar.gateway.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * An asynchronous call as {@code GET /calls/{id}} and the accepting {@code POST} show it. Times are ISO-8601 UTC.
 *
 * @param callId          the call's id
 * @param function        the called function, {@code tenant/namespace/name}
 * @param state           {@code pending} or {@code done}
 * @param acceptedAt      when the gateway accepted it
 * @param status          done: the status a synchronous call would have answered (200, or 500 when the function
 *                        failed)
 * @param contentType     done: the result's media type
 * @param body            done: the result: the function's output, or the error answer when it failed
 * @param bodyEncoding    done: {@code utf-8} when the body is text, {@code base64} when it is other bytes
 * @param durationSeconds done: seconds from acceptance to the function's reply
 * @param finishedAt      done: when the function replied
 * @param callback        with a callback: {@code pending}, {@code delivered} or {@code failed}
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallView(String callId, String function, String state, String acceptedAt, Integer status,
                       String contentType, String body, String bodyEncoding, Double durationSeconds,
                       String finishedAt, String callback) {
}
