package dev.magnetar.bench.chaos;

/**
 * What a chaos run observed beside its invariant, reported so that nothing odd goes unseen.
 *
 * @param failedSends   producer sends that failed (none should: they never time out)
 * @param firstFailure  the first failed send's error, or "null"
 * @param wrongReplies  gateway calls answered 200 with another call's or a wrong result
 * @param callOutputs   outputs of gateway calls seen on the output topic
 * @param drainSeconds  how long the final drain took until every accepted input had come out
 */
record Asides(long failedSends, String firstFailure, long wrongReplies, long callOutputs, double drainSeconds) {
}
