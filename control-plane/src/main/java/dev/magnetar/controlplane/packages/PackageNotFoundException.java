package dev.magnetar.controlplane.packages;

/** No package is kept where the request looks: answered 404. */
public class PackageNotFoundException extends PackageException {
    public PackageNotFoundException(String message) {
        super(message);
    }
}
