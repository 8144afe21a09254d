package changeledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time a process has used, from {@code /proc/<pid>/stat}: user plus system time of all its threads. A path's
 * CPU per request moves far less between runs than its rate on a shared two-core machine, so it is what an A/B of
 * the service's own work compares.
 */
final class ProcessCpu {

    /** Clock ticks a second of {@code utime} and {@code stime}: 100 on every Linux the bench runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /**
     * The figure {@code <prefix>_cpu}: the CPU time process {@code pid} used since {@code before} (from
     * {@link #millis}) per request of a round; none when either reading is missing.
     */
    static List<MeasuredPath.Figure> perRequest(String prefix, String what, long pid, OptionalLong before,
                                                long requests) {
        return perUnit(prefix, what, pid, before, requests);
    }

    /** As {@link #perRequest}, per {@code units} of work of a round (e.g. thousands of events). */
    static List<MeasuredPath.Figure> perUnit(String prefix, String what, long pid, OptionalLong before,
                                             double units) {
        OptionalLong after = millis(pid);
        if (before.isEmpty() || after.isEmpty() || units <= 0) {
            return List.of();
        }
        return List.of(new MeasuredPath.Figure(prefix + "_cpu", "ms", "service CPU time (user + system, all threads,"
                + " /proc) per " + what + " in a round", (after.getAsLong() - before.getAsLong()) / units));
    }

    /** The process's user and system CPU time in milliseconds, or nothing when it cannot be read. */
    static OptionalLong millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the fields after the command name, which is in parentheses and may hold blanks
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return OptionalLong.of(ticks * 1000 / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
