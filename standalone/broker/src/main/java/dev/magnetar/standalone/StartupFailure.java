package dev.magnetar.standalone;

/**
 * A start-up problem the user can fix. Its message is the single line printed after
 * {@code MAGNETAR_BROKER_FAILED}: it names the option or path at fault and what to do.
 */
final class StartupFailure extends Exception {
    StartupFailure(String reason) {
        super(reason);
    }

    StartupFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
