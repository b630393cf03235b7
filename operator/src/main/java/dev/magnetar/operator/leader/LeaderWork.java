package dev.magnetar.operator.leader;

/** What a controller replica does only while it leads: started when it becomes leader, closed when it stops. */
public interface LeaderWork extends AutoCloseable {
    void start();

    /** Stops at once; no exception: losing the lease must always stop the work. */
    @Override
    void close();
}
