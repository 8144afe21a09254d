package changeledger.ingestion;

import java.util.regex.Pattern;

/** Reads a Proxmox task status: {@code OK}, {@code WARNINGS: N} or anything else, which is a failure. */
public final class TaskStatus {

    /** What the task API shows for a task that has not finished. */
    public static final String RUNNING = "RUNNING";

    private static final Pattern WARNINGS = Pattern.compile("WARNINGS: \\d+");

    private TaskStatus() {
    }

    /** Whether a finished task with this status failed: anything but {@code OK} and {@code WARNINGS: N}. */
    public static boolean failed(String status) {
        return !("OK".equals(status) || WARNINGS.matcher(status).matches());
    }
}
