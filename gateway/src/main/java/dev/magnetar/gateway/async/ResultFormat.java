package dev.magnetar.gateway.async;

import dev.magnetar.gateway.reply.Reply;

/** Turns a function's reply into what a synchronous call would have answered: status, content type and body. */
@FunctionalInterface
public interface ResultFormat {
    CallResult of(CallRecord call, Reply reply, long finishedAt);
}
