package dev.magnetar.controlplane.packages;

import dev.magnetar.controlplane.config.AdminConfig;

/** A function package over {@code magnetar.admin.max-package-size}: answered 413, and nothing of it is kept. */
public class PackageTooLargeException extends PackageException {
    public PackageTooLargeException(String what, long limitBytes) {
        super(what + " is larger than " + describe(limitBytes) + ", the most this server takes ("
                + AdminConfig.MAX_PACKAGE_SIZE + "): make the jar smaller (leave out what the runtime provides),"
                + " or have the operator raise " + AdminConfig.MAX_PACKAGE_SIZE);
    }

    /** Bytes as a person reads them: whole MB or KB where exact, else bytes. */
    public static String describe(long bytes) {
        long mb = 1024L * 1024;
        if (bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }
}
