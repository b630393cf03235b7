package dev.magnetar.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A window function's windows, named and shaped as Pulsar's {@code WindowConfig}. The length is a count of messages
 * or a duration; so is the sliding interval, which defaults to the length (a tumbling window). With a timestamp
 * extractor the windows follow event time, advanced by watermarks; without one, the replica's clock.
 *
 * @param windowLengthCount             messages in a window
 * @param windowLengthDurationMs        a window's length in milliseconds
 * @param slidingIntervalCount          messages between two windows (default: the length)
 * @param slidingIntervalDurationMs     milliseconds between two windows (default: the length)
 * @param lateDataTopic                 where messages that arrive behind the watermark go (event time only)
 * @param maxLagMs                      how far behind the newest event time a message may be and still count
 *                                      (event time only; default 0)
 * @param watermarkEmitIntervalMs       how often the watermark advances (event time only; default 1000)
 * @param timestampExtractorClassName   a class of the function's jar with {@code long extractTimestamp(T)}, as
 *                                      Pulsar's {@code TimestampExtractor}; sets event time
 * @param actualWindowFunctionClassName Pulsar's internal name for the function class; when given it must be
 *                                      {@code spec.runtime.className}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowSpec(
        Integer windowLengthCount,
        Long windowLengthDurationMs,
        Integer slidingIntervalCount,
        Long slidingIntervalDurationMs,
        String lateDataTopic,
        Long maxLagMs,
        Long watermarkEmitIntervalMs,
        String timestampExtractorClassName,
        String actualWindowFunctionClassName) {
}
