package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The autoscaler's last change of a function's replica count.
 *
 * @param from   replicas before
 * @param to     replicas wanted after
 * @param reason what was observed and which rule decided, in words
 * @param time   when, as an RFC 3339 instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleEvent(int from, int to, String reason, String time) {
}
