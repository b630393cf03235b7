package dev.magnetar.runtime.window;

import java.util.List;

/** Hears what a {@link WindowManager} decides: events leaving the window, and windows firing. */
interface WindowListener<T> {
    /** These events left the window for good. */
    void onExpiry(List<Event<T>> expired);

    /**
     * A window fired.
     *
     * @param window        its events, oldest first
     * @param fresh         those not in the window fired before
     * @param expired       those that left since the window fired before
     * @param referenceTime where the window ends (the clock's or the watermark's time), or null
     */
    void onActivation(List<Event<T>> window, List<Event<T>> fresh, List<Event<T>> expired, Long referenceTime);
}
