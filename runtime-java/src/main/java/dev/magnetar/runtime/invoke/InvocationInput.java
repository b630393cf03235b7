package dev.magnetar.runtime.invoke;

import org.apache.pulsar.functions.api.Record;

/**
 * One input to invoke the function with: its value, decoded when the invocation starts (so that an input that does not
 * decode fails that invocation, counted as undecodable), and the record the function's context shows for it.
 */
public interface InvocationInput {
    /** The value the function gets; throws when the input does not decode. */
    Object decode();

    /** {@code Context.getCurrentRecord()} for the decoded {@code value}. */
    Record<?> record(Object value);
}
