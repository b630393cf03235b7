package dev.magnetar.gateway.async;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link CallRecord} as the value of its message on the calls topic: a version byte, then its fields, the result's
 * body last and raw. Binary rather than JSON, so a result's bytes are kept as they are, not as base64 a third
 * larger; the version lets a later gateway read what an earlier one wrote.
 */
final class CallRecordCodec {
    static final byte VERSION = 1;
    /** A record is a few strings and a body no larger than a Pulsar message: anything longer is not one. */
    private static final int MAX_FIELD_BYTES = 64 * 1024 * 1024;

    private CallRecordCodec() {
    }

    static byte[] encode(CallRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + (int) record.resultBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, record.id());
            writeString(out, record.tenant());
            writeString(out, record.namespace());
            writeString(out, record.name());
            out.writeLong(record.acceptedAt());
            out.writeLong(record.expiresAt());
            writeString(out, record.callbackUrl());
            out.writeByte(record.callback().ordinal());
            CallResult result = record.result();
            out.writeBoolean(result != null);
            if (result != null) {
                out.writeShort(result.status());
                writeString(out, result.contentType());
                out.writeLong(result.finishedAt());
                writeBytes(out, result.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode call " + record.id(), e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException when {@code value} is not a call record this gateway reads */
    static CallRecord decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("call record version " + version + " is not " + VERSION);
            }
            String id = readString(in);
            String tenant = readString(in);
            String namespace = readString(in);
            String name = readString(in);
            long acceptedAt = in.readLong();
            long expiresAt = in.readLong();
            String callbackUrl = readString(in);
            CallRecord.CallbackState callback = callbackState(in.readByte());
            CallResult result = null;
            if (in.readBoolean()) {
                int status = in.readUnsignedShort();
                String contentType = readString(in);
                long finishedAt = in.readLong();
                result = new CallResult(status, contentType, readBytes(in), finishedAt);
            }
            if (id == null || tenant == null || namespace == null || name == null) {
                throw new IllegalArgumentException("call record without its id or function");
            }
            return new CallRecord(id, tenant, namespace, name, acceptedAt, expiresAt, callbackUrl, result, callback);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a call record: " + e, e);
        }
    }

    private static CallRecord.CallbackState callbackState(byte ordinal) {
        CallRecord.CallbackState[] states = CallRecord.CallbackState.values();
        if (ordinal < 0 || ordinal >= states.length) {
            throw new IllegalArgumentException("unknown callback state " + ordinal);
        }
        return states[ordinal];
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] bytes = readBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_FIELD_BYTES || length > in.available()) {
            throw new IllegalArgumentException("a field of " + length + " bytes does not fit the record");
        }
        return in.readNBytes(length);
    }
}
