package dev.magnetar.controlplane.packages;

/** A function package that cannot be used: refused URL, failed download, empty upload. */
public class PackageException extends RuntimeException {
    public PackageException(String message) {
        super(message);
    }
}
