package dev.magnetar.operator.leader;

import java.util.List;

/** Several kinds of leader work as one: started in order (a later one may use what an earlier one watches), closed in reverse. */
public final class LeaderWorkGroup implements LeaderWork {
    private final List<LeaderWork> works;

    public LeaderWorkGroup(List<LeaderWork> works) {
        this.works = List.copyOf(works);
    }

    @Override
    public void start() {
        works.forEach(LeaderWork::start);
    }

    @Override
    public void close() {
        for (int i = works.size() - 1; i >= 0; i--) {
            works.get(i).close();
        }
    }
}
