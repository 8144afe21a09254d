package changeledger.bench;

import changeledger.eventstore.seal.Checkpoint;
import changeledger.eventstore.seal.CheckpointFile;
import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run.sh --drill-tamper}: the packaged service loads task-index uploads on a fresh database, seals them
 * and exports its checkpoint to a file (ADR 0056). Then, with the service stopped, a superuser with the triggers off
 * tampers with a copy of that database each: one byte of a payload, a deleted event, an event inserted into the
 * sealed range, the tail cut off (the last events and their seals). Verification against the exported checkpoint
 * must name each, online (the service started on the copy, {@code GET /api/v1/events/verify}) and offline (the
 * {@code OfflineVerifier} of the packaged application as a child process: exit 1 and its message); the service on
 * the cut copy must also log the cut and keep the higher checkpoint in its export file. Prints each check and
 * {@code N passed, N failed}; exits non-zero on any failure.
 */
public final class TamperDrill {

    private static final int UPLOADS = 4;
    private static final Path CHECKPOINTS = Path.of("target", "tamper-drill", "checkpoints.jsonl").toAbsolutePath();

    private final BenchOptions options;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    /** One tampering: what it does to a copy and what verification must then say. */
    private record Tampering(String name, String description, List<String> sql, Long position, Long seal,
                             String reason) {
    }

    private TamperDrill(BenchOptions options) {
        this.options = options;
    }

    /** Runs the drill; takes the options of {@code bench/run.sh} for the database and {@code --quick}. */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv());
        TamperDrill drill = new TamperDrill(options);
        long started = System.nanoTime();
        try (BenchDatabase database = BenchDatabase.create(options)) {
            drill.run(database);
        }
        System.out.printf("bench: drill_tamper_seconds %.0f s%n", (System.nanoTime() - started) / 1e9);
        System.out.printf("drill-tamper: %d passed, %d failed%n", drill.passed, drill.failures.size());
        drill.failures.forEach(f -> System.out.println("drill-tamper: FAILED " + f));
        if (!drill.failures.isEmpty()) {
            System.exit(1);
        }
    }

    private void run(BenchDatabase database) throws Exception {
        Files.createDirectories(CHECKPOINTS.getParent());
        Files.deleteIfExists(CHECKPOINTS);
        Checkpoint exported = loadSealAndExport(database);
        if (exported == null) {
            return;
        }
        expectOffline("the untouched database verifies offline against the exported file", database.jdbcUrl(), 0,
                "verified=true");
        List<Tampering> tamperings = tamperings(database, exported);
        refusedWithTriggers(database, tamperings.get(0).position());
        for (Tampering tampering : tamperings) {
            String copy = options.databaseName() + "_" + tampering.name();
            createCopy(copy);
            try {
                String url = BenchDatabase.urlFor(options.serverUrl(), copy);
                try (Connection connection = superuser(url); Statement statement = connection.createStatement()) {
                    statement.execute("set session_replication_role = replica");
                    for (String sql : tampering.sql()) {
                        statement.execute(sql);
                    }
                }
                BenchRunner.log("tamper: %s on %s", tampering.description(), copy);
                String named = tampering.position() != null ? "firstBrokenPosition=" + tampering.position()
                        : "firstBrokenSeal=" + tampering.seal();
                expectOffline(tampering.description() + ": the offline verifier exits 1 naming " + named, url, 1,
                        named, tampering.reason());
                expectOnline(tampering, url, exported);
            } finally {
                dropDatabase(copy);
            }
        }
    }

    /** Loads the uploads through the service, waits until they are sealed and the head is exported; the export. */
    private Checkpoint loadSealAndExport(BenchDatabase database) throws Exception {
        Map<String, String> export = Map.of("CHANGELEDGER_SEAL_CHECKPOINT_EXPORT_FILE", CHECKPOINTS.toString(),
                "CHANGELEDGER_SEAL_CHECKPOINT_EXPORT_EVERY", "1s");
        try (ServiceProcess service = ServiceProcess.start(database.jdbcUrl(), database.user(), database.password(),
                BenchMain.MAPPER, export)) {
            String ingester = service.registerHostWithIngester("tamper");
            TaskLineGenerator generator = new TaskLineGenerator("pve-tamper", 56);
            int lines = options.quick() ? 500 : 5_000;
            for (int upload = 0; upload < UPLOADS; upload++) {
                StringBuilder body = new StringBuilder();
                for (int i = 0; i < lines; i++) {
                    body.append(generator.nextIndexLine()).append('\n');
                }
                service.ingestTaskIndex("tamper", ingester, body.toString());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            Checkpoint exported = null;
            long head = -1;
            while (System.nanoTime() < deadline) {
                // The sealer is asked first: once it has caught up with the finished uploads, the head read after it
                // is the last seal, and an export read after that either names it or the loop goes round again.
                boolean caughtUp = sealerCaughtUp(service);
                JsonNode checkpoint = service.get("/api/v1/events/checkpoint");
                head = checkpoint.path("position").asLong();
                exported = Files.exists(CHECKPOINTS) ? CheckpointFile.last(CHECKPOINTS).map(CheckpointFile.Line::checkpoint)
                        .orElse(null) : null;
                if (caughtUp && exported != null && exported.position() == head
                        && exported.hash().equals(checkpoint.path("hash").asText())) {
                    break;
                }
                Thread.sleep(200);
            }
            long events = queryLong(database, "select count(*) from domain_event");
            boolean current = exported != null && exported.position() == head;
            expect(UPLOADS + " uploads of " + lines + " task lines are sealed and the head is exported to "
                    + CHECKPOINTS.getFileName(), current && head == events, "exported "
                    + (exported == null ? "nothing" : "seal " + exported.position()) + ", head seal " + head + ", "
                    + events + " events");
            if (!current) {
                return null;
            }
            JsonNode verified = service.get("/api/v1/events/verify?checkpointPosition=" + exported.position()
                    + "&checkpointHash=" + exported.hash());
            expect("the untouched chain verifies online against the exported checkpoint",
                    verified.path("verified").asBoolean(), verified.toString());
            return exported;
        }
    }

    /** The four tamperings, each with the victim chosen from the sealed database. */
    private List<Tampering> tamperings(BenchDatabase database, Checkpoint exported) throws SQLException {
        long sealed = exported.position();
        long changed = eventAtSeal(database, sealed / 2);
        long deleted = eventAtSeal(database, sealed / 3);
        long txOfFirstUpload = queryLong(database, "select e.tx_id::text::bigint from domain_event e join event_seal s "
                + "on s.event_position = e.position where s.seal_position = " + (sealed / 8));
        long forged = queryLong(database, "select max(position) + 1 from domain_event");
        int cut = options.quick() ? 10 : 100;
        long keep = sealed - cut;
        String flipOneByte = """
                update domain_event d
                   set payload = jsonb_set(d.payload, array[f.key],
                                           to_jsonb(overlay(f.text placing case when right(f.text, 1) = 'x' then 'y'
                                                                                else 'x' end
                                                            from length(f.text) for 1)))
                  from (select key, value #>> '{}' as text
                          from domain_event, jsonb_each(payload)
                         where position = %d and jsonb_typeof(value) = 'string' and value #>> '{}' <> ''
                         order by key limit 1) f
                 where d.position = %d""".formatted(changed, changed);
        String insert = """
                insert into domain_event (position, event_id, aggregate_type, aggregate_id, sequence_number, event_type,
                                          revision, payload, metadata, occurred_at, tx_id)
                overriding system value
                values (%d, gen_random_uuid(), 'Host', 'tamper', 999999, 'HostNoted', 1,
                        '{"note": "backdated by hand"}', '{}', now() - interval '30 days', '%d')""".formatted(forged,
                txOfFirstUpload);
        return List.of(
                new Tampering("payload", "one byte of event " + changed + "'s payload changed", List.of(flipOneByte),
                        changed, null, "changed after it was sealed"),
                new Tampering("delete", "event " + deleted + " deleted",
                        List.of("delete from domain_event where position = " + deleted), deleted, null,
                        "missing from the store"),
                new Tampering("insert", "event " + forged + " inserted with the transaction id of seal "
                        + (sealed / 8) + "'s event", List.of(insert, "select setval(pg_get_serial_sequence("
                        + "'domain_event', 'position'), " + forged + ")"), forged, null, "has no seal"),
                new Tampering("tail", "the last " + cut + " events and their seals (" + (keep + 1) + " to " + sealed
                        + ") deleted", List.of("delete from domain_event where position in (select event_position from "
                        + "event_seal where seal_position > " + keep + ")",
                        "delete from event_seal where seal_position > " + keep), null, keep + 1,
                        "ends at seal " + keep + ", before the checkpoint at seal " + sealed));
    }

    /** With the triggers on, the superuser's change is refused: the drill has to turn them off. */
    private void refusedWithTriggers(BenchDatabase database, long position) throws SQLException {
        String error = null;
        try (Connection connection = superuser(database.jdbcUrl()); Statement statement = connection.createStatement()) {
            statement.executeUpdate("update domain_event set revision = revision + 1 where position = " + position);
        } catch (SQLException e) {
            error = e.getMessage();
        }
        expect("with the triggers on, even a superuser's UPDATE of an event is refused",
                error != null && error.contains("append-only"), String.valueOf(error));
    }

    private void expectOnline(Tampering tampering, String url, Checkpoint exported) throws Exception {
        // the service on the cut copy exports to a copy of the file: it must keep the higher checkpoint and say why
        Path ownFile = CHECKPOINTS.resolveSibling("checkpoints-" + tampering.name() + ".jsonl");
        Files.copy(CHECKPOINTS, ownFile, StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> export = Map.of("CHANGELEDGER_SEAL_CHECKPOINT_EXPORT_FILE", ownFile.toString(),
                "CHANGELEDGER_SEAL_CHECKPOINT_EXPORT_EVERY", "1s");
        try (ServiceProcess service = ServiceProcess.start(url, options.user(), options.password(), BenchMain.MAPPER,
                export)) {
            JsonNode result = service.get("/api/v1/events/verify?checkpointPosition=" + exported.position()
                    + "&checkpointHash=" + exported.hash());
            boolean named = tampering.position() != null
                    ? result.path("firstBrokenPosition").asLong(-1) == tampering.position()
                    : result.path("firstBrokenSeal").asLong(-1) == tampering.seal();
            expect(tampering.description() + ": GET /api/v1/events/verify with the checkpoint names it",
                    !result.path("verified").asBoolean(true) && named
                            && result.path("reason").asText().contains(tampering.reason()), result.toString());
            if (tampering.position() == null) {
                JsonNode alone = service.get("/api/v1/events/verify");
                expect(tampering.description() + ": without the checkpoint the shortened chain still verifies "
                        + "(only the export shows the cut)", alone.path("verified").asBoolean(), alone.toString());
                boolean logged = awaitLog("were cut off the chain's tail", 30);
                Checkpoint last = CheckpointFile.last(ownFile).map(CheckpointFile.Line::checkpoint).orElse(null);
                expect(tampering.description() + ": the service's export logs the cut and keeps the higher checkpoint",
                        logged && exported.equals(last), "logged " + logged + ", last line " + last);
            }
        } finally {
            Files.deleteIfExists(ownFile);
        }
    }

    /** Whether the service's log shows {@code text} within {@code seconds}. */
    private static boolean awaitLog(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(ServiceProcess.LOG_FILE, StandardCharsets.UTF_8).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Runs the packaged application's offline verifier against the exported file as an operator would. */
    private void expectOffline(String what, String url, int status, String... contains) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", "target/quarkus-app/lib/main/*:target/quarkus-app/app/*",
                "changeledger.eventstore.seal.OfflineVerifier", "--url", url, "--user", options.user(),
                "--checkpoint-file", CHECKPOINTS.toString()));
        if (!options.password().isEmpty()) {
            command.addAll(List.of("--password", options.password()));
        }
        Process verifier = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(verifier.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!verifier.waitFor(120, TimeUnit.SECONDS)) {
            verifier.destroyForcibly();
        }
        boolean says = true;
        for (String text : contains) {
            says &= output.contains(text);
        }
        expect(what, !verifier.isAlive() && verifier.exitValue() == status && says,
                "exit " + (verifier.isAlive() ? "none" : verifier.exitValue()) + ": " + output.replace('\n', ' '));
    }

    private long eventAtSeal(BenchDatabase database, long seal) throws SQLException {
        return queryLong(database, "select event_position from event_seal where seal_position = " + seal);
    }

    private static long queryLong(BenchDatabase database, String sql) throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void createCopy(String copy) throws SQLException {
        dropDatabase(copy);
        try (Connection admin = superuser(options.serverUrl()); Statement statement = admin.createStatement()) {
            statement.execute("create database " + copy + " template " + options.databaseName());
        }
    }

    private void dropDatabase(String name) throws SQLException {
        try (Connection admin = superuser(options.serverUrl()); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
    }

    private Connection superuser(String url) throws SQLException {
        return DriverManager.getConnection(url, options.user(), options.password());
    }

    private static boolean sealerCaughtUp(ServiceProcess service) throws Exception {
        for (JsonNode processor : service.get("/api/v1/admin/processors").path("items")) {
            if ("seal-chain".equals(processor.path("name").asText())) {
                return processor.path("lagEvents").asLong(-1) == 0;
            }
        }
        return false;
    }

    private void expect(String what, boolean ok, String detail) {
        if (ok) {
            passed++;
            System.out.println("drill-tamper: ok     " + what);
        } else {
            failures.add(what + " (" + detail + ")");
            System.out.println("drill-tamper: FAILED " + what + " (" + detail + ")");
        }
    }
}
