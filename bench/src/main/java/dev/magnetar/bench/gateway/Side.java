package dev.magnetar.bench.gateway;

import java.time.Duration;

/** A side to measure: its caller, the process whose CPU it costs, and its closed loop's pause before each call. */
record Side(Caller caller, long pid, Duration pause) {
    Side(Caller caller, long pid) {
        this(caller, pid, Duration.ZERO);
    }
}
