package dev.magnetar.api.protocol;

import java.util.Locale;

/** Outcome carried by a reply in {@link MessageProperties#STATUS}. */
public enum ReplyStatus {
    OK,
    ERROR;

    public String wireValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a wire value; anything unknown is treated as an error so a caller never sees a false success. */
    public static ReplyStatus fromWire(String value) {
        return "ok".equals(value) ? OK : ERROR;
    }
}
