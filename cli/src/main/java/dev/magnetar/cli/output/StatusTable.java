package dev.magnetar.cli.output;

import dev.magnetar.cli.http.FunctionRef;
import dev.magnetar.cli.http.FunctionStatusView.Instance;
import dev.magnetar.cli.http.FunctionStatusView;
import java.util.ArrayList;
import java.util.List;

/** A small fixed-column table of a function's replicas, the way {@code kubectl get} prints. */
public final class StatusTable {
    private static final String[] HEADER = {"INSTANCE", "STATE", "READY", "PID", "RESTARTS", "LAST ERROR"};

    private StatusTable() {
    }

    public static String render(FunctionRef ref, FunctionStatusView status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Instance instance : status.instances()) {
            rows.add(new String[] {
                    String.valueOf(instance.instanceId()),
                    instance.state(),
                    instance.ready() ? "yes" : "no",
                    instance.pid() < 0 ? "-" : String.valueOf(instance.pid()),
                    String.valueOf(instance.restarts()),
                    instance.lastError() == null ? "-" : instance.lastError().replaceAll("\\s*\\R\\s*", "; ")});
        }
        StringBuilder text = new StringBuilder()
                .append(ref).append(": ").append(status.numRunning()).append('/').append(status.numInstances())
                .append(" running").append(System.lineSeparator());
        if (status.error() != null) {
            text.append("error: ").append(status.error()).append(System.lineSeparator());
        }
        if (status.autoscaling() != null) {
            text.append("autoscaled: ").append(status.autoscaling().idle() ? "idle, 0 replicas (a call or a message"
                    + " starts one)" : status.autoscaling().desiredReplicas() + " replicas wanted")
                    .append(System.lineSeparator());
            if (status.autoscaling().lastScale() != null) {
                text.append("last scale: ").append(status.autoscaling().lastScale()).append(System.lineSeparator());
            }
        }
        int[] widths = widths(rows);
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < row.length; column++) {
                line.append(column == row.length - 1 ? row[column] : pad(row[column], widths[column] + 2));
            }
            text.append(line.toString().stripTrailing()).append(System.lineSeparator());
        }
        return text.toString();
    }

    private static int[] widths(List<String[]> rows) {
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        return widths;
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(Math.max(0, width - value.length()));
    }
}
