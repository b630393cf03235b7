package dev.magnetar.gateway.schema;

/** A JSON value that does not fit the part of a schema found at {@code path} (empty for the whole body). */
final class Mismatch extends RuntimeException {
    Mismatch(String path, String problem) {
        super(path.isEmpty() ? problem : "field '" + path + "': " + problem, null, false, false);
    }
}
