package changeledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a run does and where: from {@code bench/run.sh}'s flags, falling back to {@code BENCH_*} variables.
 *
 * @param serverUrl     JDBC URL of a database on the server to create the bench database from
 * @param user          PostgreSQL user (needs CREATEDB; CHECKPOINT when it may)
 * @param password      its password, empty for trust
 * @param databaseName  the bench database to (re)create
 * @param quick         at most 100,000 events in any data set, fewer requests a round
 * @param warmups       untimed rounds first
 * @param rounds        timed rounds
 * @param keepDatabase  leave the bench database behind for inspection
 * @param only          benchmark names to run; empty runs all
 * @param servicePid    pid of a running service to sample memory from, or 0
 * @param queryEventsOverride task events of the query data set's two hosts when given ({@code --query-events}), or 0
 */
public record BenchOptions(String serverUrl, String user, String password, String databaseName, boolean quick,
                           int warmups, int rounds, boolean keepDatabase, List<String> only, long servicePid,
                           int queryEventsOverride) {

    /** Parses {@code args} over the defaults in {@code env}. */
    public static BenchOptions parse(String[] args, Map<String, String> env) {
        String url = env.getOrDefault("BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
        String user = env.getOrDefault("BENCH_PG_USER", "postgres");
        String password = env.getOrDefault("BENCH_PG_PASSWORD", "");
        String name = env.getOrDefault("BENCH_DB_NAME", "changeledger_bench");
        long pid = Long.parseLong(env.getOrDefault("BENCH_SERVICE_PID", "0"));
        boolean quick = false;
        boolean keep = false;
        Integer warmups = null;
        Integer rounds = null;
        List<String> only = new ArrayList<>();
        int queryEvents = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--keep-db" -> keep = true;
                case "--pg-url" -> url = args[++i];
                case "--pg-user" -> user = args[++i];
                case "--db-name" -> name = args[++i];
                case "--warmups" -> warmups = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only.addAll(List.of(args[++i].split(",")));
                case "--service-pid" -> pid = Long.parseLong(args[++i]);
                case "--query-events" -> queryEvents = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (known: --quick --pg-url URL --pg-user USER --db-name NAME --warmups N --rounds N"
                        + " --only a,b --service-pid PID --keep-db --query-events N)");
            }
        }
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("database name must be a plain lower-case identifier: " + name);
        }
        int w = warmups != null ? warmups : 1;
        int r = rounds != null ? rounds : 3;
        if (w < 0 || r < 1) {
            throw new IllegalArgumentException("need at least one round and no negative warm-ups");
        }
        if (queryEvents < 0 || queryEvents % 2 != 0 || (queryEvents > 0 && queryEvents < 48_000)) {
            throw new IllegalArgumentException("--query-events must be even and at least 48,000 (every host, month"
                    + " and task event type needs a few pages): " + queryEvents);
        }
        return new BenchOptions(url, user, password, name, quick, w, r, keep, List.copyOf(only), pid, queryEvents);
    }

    /** Events in the batch-append data set: 2 to 5 s a path and round at full size (ADR 0027). */
    public int batchEvents() {
        return quick ? 20_000 : 100_000;
    }

    /** Events in the one-per-transaction data set (each costs a commit flush): 2 to 4 s a path and round (ADR 0027). */
    public int singleEvents() {
        return quick ? 2_000 : 5_000;
    }

    /** Events the catch-up replays. */
    public int catchUpEvents() {
        return quick ? 100_000 : 1_000_000;
    }

    /**
     * Events of the two hosts the ingestion benchmark uploads and the query, stats and export benchmarks read (about
     * twelve months). Quick loads 70,000: with the report host's month the data set holds 100,000 events, the most of
     * quick mode; a fifth of it, 14,000 events, is one ingestion round.
     */
    public int queryEvents() {
        if (queryEventsOverride > 0) {
            return queryEventsOverride;
        }
        return quick ? 70_000 : 1_000_000;
    }

    /** Task lines of the report host's month (two events each): about 30,000 events, as issue 6 (item 6) asks. */
    public int reportLines() {
        return QueryFixture.REPORT_LINES;
    }

    /**
     * Stats requests a round of the stats benchmark, on each of its paths: p99 (nearest rank) is then the 9th (5th)
     * slowest.
     */
    public int statsRequests() {
        return quick ? 400 : 800;
    }

    /** Reports a round of the report benchmark, per format, one after the other. */
    public int reportRequests() {
        return quick ? 3 : 5;
    }

    /**
     * Page requests a round of the query benchmark, on each of its paths: p99 (nearest rank) is then the 7th (5th)
     * slowest. At 1,000,000 events a round took about 15 s before the month-merged pages (ADR 0014), about 2 s since.
     */
    public int queryRequests() {
        return quick ? 400 : 600;
    }

    /** Home pages a round of the dashboard benchmark: p99 (nearest rank) is then the 3rd (quick: the) slowest. */
    public int dashboardRequests() {
        return quick ? 60 : 200;
    }

    /** Configuration syncs (and SQL reads) a round of the config_sync benchmark, one after the other. */
    public int configSyncs() {
        return quick ? 10 : 20;
    }

    /** Task lines a round of the stream benchmark (two events each, delivered to each of its clients). */
    public int streamLines() {
        return quick ? 1_000 : 5_000;
    }

    /** Whether a benchmark is selected. */
    public boolean selected(String benchmark) {
        return only.isEmpty() || only.contains(benchmark);
    }
}
