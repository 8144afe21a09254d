package changeledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Memory of a process from {@code /proc/<pid>/status}: the hook for measuring the service's memory beside
 * its speed once the HTTP benchmarks start a service (issue 6, item 7).
 *
 * @param rssKib current resident set size (VmRSS)
 * @param hwmKib peak resident set size so far (VmHWM)
 */
public record ProcessMemory(long rssKib, long hwmKib) {

    /** Reads the process's memory, or nothing when it is gone or the system has no {@code /proc}. */
    public static Optional<ProcessMemory> of(long pid) {
        try {
            long rss = -1;
            long hwm = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    hwm = kib(line);
                }
            }
            return rss < 0 || hwm < 0 ? Optional.empty() : Optional.of(new ProcessMemory(rss, hwm));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
