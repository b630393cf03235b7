package dev.magnetar.runtime.codec;

import org.apache.pulsar.client.api.Schema;
import org.apache.pulsar.functions.api.Record;

/**
 * One result on its way out: the value and the schema it is published with, or a {@link Record} the function returned
 * (its own key, properties, schema and destination topic). {@link #bytes()} and {@link #contentType()} are what a
 * waiting caller gets (a reply, HTTP /invoke): encoded only when asked for, so a plain event costs the one encoding
 * its output producer does.
 */
public final class Payload {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BINARY = "application/octet-stream";
    public static final String JSON = "application/json";
    public static final String PROTOBUF = "application/x-protobuf";

    private final Object value;
    private final Schema<?> schema;
    private final Record<?> record;
    private byte[] bytes;
    private String contentType;

    private Payload(Object value, Schema<?> schema, Record<?> record, byte[] bytes, String contentType) {
        this.value = value;
        this.schema = schema;
        this.record = record;
        this.bytes = bytes;
        this.contentType = contentType;
    }

    /** A value published with {@code schema}. */
    public static Payload of(Object value, Schema<?> schema) {
        return new Payload(value, schema, null, null, null);
    }

    /** Bytes already encoded, published as they are (no registered schema). */
    public static Payload encoded(byte[] bytes, String contentType) {
        return new Payload(bytes, Schema.BYTES, null, bytes, contentType);
    }

    /** A record the function returned; {@code schema} is its own, or the output's when it names none. */
    public static Payload record(Record<?> record, Schema<?> schema) {
        return new Payload(record.getValue(), schema, record, null, null);
    }

    /** What the output producer sends. */
    public Object value() {
        return value;
    }

    public Schema<?> schema() {
        return schema;
    }

    /** The record the function returned, or null for a plain value. */
    public Record<?> record() {
        return record;
    }

    /** The body a waiting caller gets (see {@link ReplyEncoding}). */
    public byte[] bytes() {
        if (bytes == null) {
            encodeForReply();
        }
        return bytes;
    }

    public String contentType() {
        if (contentType == null) {
            encodeForReply();
        }
        return contentType;
    }

    private void encodeForReply() {
        ReplyEncoding.Body body = ReplyEncoding.encode(value, schema);
        bytes = body.bytes();
        contentType = body.contentType();
    }
}
