package changeledger.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates realistic {@code index} lines of one node: the task mix of a busy host (backups, starts,
 * stops, consoles, snapshots, config changes, a few failures), start times increasing, every UPID unique.
 * The same seed gives the same lines, so tests and the benchmark can regenerate them.
 */
public final class TaskLineGenerator {

    private static final String[] TYPES = {
        "vzdump", "vzdump", "vzdump", "qmstart", "qmstart", "qmstop", "qmshutdown", "vncproxy", "vncproxy",
        "vncproxy", "termproxy", "qmsnapshot", "qmdelsnapshot", "qmconfig", "vzstart", "vzshutdown", "aptupdate",
        "qmreboot", "qmclone", "qmigrate", "imgdel", "srvreload", "vzcreate", "qmmove", "resize", "download"
    };
    private static final String[] NODE_TYPES = {"aptupdate", "srvreload", "download", "termproxy"};
    private static final String[] USERS = {"root@pam", "root@pam", "admin@pve", "backup@pve!collector"};
    private static final String[] ERRORS = {"job errors", "received interrupt", "migration aborted",
        "VM quit/powerdown failed - got timeout", "unexpected status"};

    private static final Instant DEFAULT_START = Instant.parse("2026-10-01T00:00:00Z");
    private static final int DEFAULT_GAP_SPREAD = 600;

    private final Random random;
    private final String node;
    private final int gapSpread;
    private long pid = 0x1000;
    private long startSeconds;

    /** A generator for one node with a fixed seed: starts from 2026-10-01, about five minutes between tasks. */
    public TaskLineGenerator(String node, long seed) {
        this(node, seed, DEFAULT_START, DEFAULT_GAP_SPREAD);
    }

    /**
     * A generator whose tasks start after {@code start}, 5 to {@code 4 + gapSpread} seconds apart (on average
     * {@code 5 + (gapSpread - 1) / 2}), so a caller can spread a number of tasks over a chosen period.
     */
    public TaskLineGenerator(String node, long seed, Instant start, int gapSpread) {
        if (gapSpread < 1) {
            throw new IllegalArgumentException("gap spread must be positive: " + gapSpread);
        }
        this.node = node;
        this.random = new Random(seed);
        this.startSeconds = start.getEpochSecond();
        this.gapSpread = gapSpread;
    }

    /** The gap spread that puts {@code tasks} tasks over {@code period} on average (never below 1). */
    public static int gapSpreadFor(int tasks, Duration period) {
        double meanGap = (double) period.getSeconds() / tasks;
        return (int) Math.max(1, Math.round(2 * (meanGap - 5) + 1));
    }

    /** The next {@code count} index lines. */
    public List<String> indexLines(int count) {
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(nextIndexLine());
        }
        return lines;
    }

    /** The next index line. */
    public String nextIndexLine() {
        String type = TYPES[random.nextInt(TYPES.length)];
        boolean onNode = List.of(NODE_TYPES).contains(type);
        String id = onNode ? (type.equals("srvreload") ? "networking" : "") : Integer.toString(100 + random.nextInt(20));
        pid += 1 + random.nextInt(500);
        startSeconds += 5 + random.nextInt(gapSpread);
        String upid = UpidBuilder.upid().node(node).pid(pid).pstart(0x0100_0000L + pid * 7)
                .startTime(Instant.ofEpochSecond(startSeconds)).type(type).id(id)
                .user(USERS[random.nextInt(USERS.length)]).text();
        int roll = random.nextInt(100);
        String status = roll < 90 ? "OK" : roll < 95 ? "WARNINGS: " + (1 + random.nextInt(3))
                : ERRORS[random.nextInt(ERRORS.length)];
        return TaskLines.index(upid, Instant.ofEpochSecond(startSeconds + 1 + random.nextInt(900)), status);
    }
}
