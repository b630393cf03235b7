package dev.magnetar.runtime.codec;

/** Encoded output: the bytes to publish and their MIME type. */
public record Payload(byte[] bytes, String contentType) {
    public static final String TEXT = "text/plain; charset=utf-8";
    public static final String BINARY = "application/octet-stream";
    public static final String JSON = "application/json";
}
