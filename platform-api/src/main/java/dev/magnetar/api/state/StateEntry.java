package dev.magnetar.api.state;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * One key's value as stored: bytes written by a put, or a counter (an 8-byte big-endian long that only increments
 * write).
 *
 * @param value   the stored bytes; a counter's 8 bytes
 * @param counter true when the value is a counter
 * @param version the store's version of the key (bumped by each write)
 */
public record StateEntry(byte[] value, boolean counter, long version) {

    /** The counter's value; fails for a value written by a put. */
    public long counterValue() {
        if (!counter || value.length != Long.BYTES) {
            throw new IllegalStateException("the value is not a counter");
        }
        return ByteBuffer.wrap(value).getLong();
    }

    /** The bytes as UTF-8 text when they are well-formed UTF-8, else empty (as Pulsar's querystate decides). */
    public Optional<String> text() {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
