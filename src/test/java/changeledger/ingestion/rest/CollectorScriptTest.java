package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.PveFiles;
import changeledger.support.TaskLines;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs docker/changeledger-collect.sh with sh against the service under test, rotating files between runs. */
@QuarkusTest
class CollectorScriptTest {

    @TestHTTPResource
    URL service;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path node;

    private String hostId;
    private Map<String, String> environment;

    @Test
    void givenRotatedIndexAndAccessLog_whenCollectorRunsRepeatedly_thenEveryTaskArrivesExactlyOnce() throws Exception {
        hostId = registerHost("collect", "lab", "pve-lab");
        Path tasks = Files.createDirectories(node.resolve("tasks"));
        Path accessLog = node.resolve("access.log");
        environment = Map.of("CHANGELEDGER_URL", service.toString().replaceAll("/$", ""),
                "CHANGELEDGER_HOST", hostId, "CHANGELEDGER_TOKEN", createKey("ingester", hostId),
                "CHANGELEDGER_STATE_DIR", node.resolve("state").toString(),
                "PVE_TASK_DIR", tasks.toString(), "PVE_ACCESS_LOG", accessLog.toString(),
                "CHANGELEDGER_COLLECTOR_ENV", node.resolve("none.env").toString());
        List<String> upids = new ArrayList<>();

        // run 1: three finished tasks, one running, two API changes
        append(tasks.resolve("index"), finished(upids, 0), finished(upids, 1), finished(upids, 2));
        String running = upid().startTime(at(3)).type("vzdump").id("").text();
        upids.add(running);
        write(tasks.resolve("active"), TaskLines.activeRunning(running));
        append(accessLog, change(0), change(1), read(2));
        run();

        // run 2: nothing new, the same files again
        run();

        // run 3: two more lines, then the index rotates to index.1 after a third; a new index starts
        append(tasks.resolve("index"), finished(upids, 4), finished(upids, 5));
        String halfLine = finished(upids, 6);
        Files.writeString(tasks.resolve("index"), halfLine.substring(0, 20), StandardOpenOption.APPEND);
        run();
        Files.writeString(tasks.resolve("index"), halfLine.substring(20) + "\n", StandardOpenOption.APPEND);
        Files.move(tasks.resolve("index"), tasks.resolve("index.1"));
        append(tasks.resolve("index"), finished(upids, 7),
                TaskLines.index(running, at(3).plusSeconds(90), "OK"));
        write(tasks.resolve("active"), TaskLines.activeFinished(running, true, at(3).plusSeconds(90), "OK"));
        Files.move(accessLog, node.resolve("access.log.1"));
        append(accessLog, change(3));
        run();
        run();

        assertThat(count("ProxmoxTaskStarted")).isEqualTo(upids.size());
        assertThat(count("ProxmoxTaskFinished")).isEqualTo(upids.size());
        assertThat(count("ApiChangeObserved")).isEqualTo(3);
        assertThat(evidence().getList("gaps")).as("one rotation between runs loses nothing").isEmpty();
    }

    @Test
    void givenNothingNew_whenCollectorRuns_thenItSendsAHeartbeatNamingItsSources() throws Exception {
        // given: a node whose task index and access log exist but hold nothing new
        prepareNode("collect-quiet");
        Path tasks = node.resolve("tasks");
        append(tasks.resolve("index"), finished(new ArrayList<>(), 0));
        append(node.resolve("access.log"), read(0));
        run();
        Instant firstBeat = lastSeen("task-index");

        // when: a run with nothing new
        run();

        // then: the heartbeat alone moved both sources' last sign of life, and stored no event
        JsonPath evidence = evidence();
        assertThat(evidence.getList("sources.name", String.class)).containsExactly("access-log", "task-index");
        assertThat(lastSeen("task-index")).isAfter(firstBeat);
        assertThat(evidence.getString("sources.find { it.name == 'task-index' }.collectorVersion")).isNotBlank();
        assertThat(evidence.getString("sources.find { it.name == 'task-index' }.lastLineAt")).isNotBlank();
        assertThat(evidence.getList("gaps")).isEmpty();
        assertThat(count("ProxmoxTaskFinished")).isEqualTo(1);
    }

    @Test
    void givenIndexRotatedTwiceBetweenRuns_whenCollectorRuns_thenThePossibleLossIsAGap() throws Exception {
        prepareNode("collect-loss");
        Path tasks = node.resolve("tasks");
        List<String> upids = new ArrayList<>();
        append(tasks.resolve("index"), finished(upids, 0));
        run();

        // the index rotates twice before the next run: what was written to the first one is out of reach (kept as
        // index.2 here, which the collector never reads, so its inode number is not reused by the new index)
        append(tasks.resolve("index"), finished(upids, 1));
        Files.move(tasks.resolve("index"), tasks.resolve("index.1"));
        append(tasks.resolve("index"), finished(upids, 2));
        Files.move(tasks.resolve("index.1"), tasks.resolve("index.2"));
        Files.move(tasks.resolve("index"), tasks.resolve("index.1"));
        append(tasks.resolve("index"), finished(upids, 3));
        run();
        run();

        JsonPath evidence = evidence();
        assertThat(evidence.getList("gaps.source", String.class)).containsExactly("task-index");
        assertThat(Instant.parse(evidence.getString("gaps[0].from")))
                .isBefore(Instant.parse(evidence.getString("gaps[0].to")));
        assertThat(count("ProxmoxTaskFinished")).as("index.1 is read from its start after the loss").isEqualTo(3);
    }

    private void prepareNode(String prefix) throws IOException {
        hostId = registerHost(prefix, "lab", "pve-lab");
        Path tasks = Files.createDirectories(node.resolve("tasks"));
        environment = Map.of("CHANGELEDGER_URL", service.toString().replaceAll("/$", ""),
                "CHANGELEDGER_HOST", hostId, "CHANGELEDGER_TOKEN", createKey("ingester", hostId),
                "CHANGELEDGER_STATE_DIR", node.resolve("state").toString(),
                "PVE_TASK_DIR", tasks.toString(), "PVE_ACCESS_LOG", node.resolve("access.log").toString(),
                "CHANGELEDGER_COLLECTOR_ENV", node.resolve("none.env").toString());
    }

    private JsonPath evidence() {
        return as(createKey("reader", hostId)).queryParam("from", "2000-01-01").queryParam("to", "2100-01-01")
                .get("/api/v1/hosts/" + hostId + "/evidence").then().statusCode(200).extract().jsonPath();
    }

    private Instant lastSeen(String source) {
        return Instant.parse(evidence().getString("sources.find { it.name == '" + source + "' }.lastSeenAt"));
    }

    @Test
    void givenIndexWithNulLineInTheMiddle_whenCollected_thenEveryGoodLineArrivesAndTheBadOneIsInTheRejectFile()
            throws Exception {
        hostId = registerHost("collect-nul", "lab", "pve-lab");
        Path tasks = Files.createDirectories(node.resolve("tasks"));
        environment = Map.of("CHANGELEDGER_URL", service.toString().replaceAll("/$", ""),
                "CHANGELEDGER_HOST", hostId, "CHANGELEDGER_TOKEN", createKey("ingester", hostId),
                "CHANGELEDGER_STATE_DIR", node.resolve("state").toString(),
                "PVE_TASK_DIR", tasks.toString(), "PVE_ACCESS_LOG", node.resolve("access.log").toString(),
                "CHANGELEDGER_COLLECTOR_ENV", node.resolve("none.env").toString());
        List<String> upids = new ArrayList<>();
        String bad = "\0\0\0\0" + finished(new ArrayList<>(), 9);
        append(tasks.resolve("index"), finished(upids, 0), finished(upids, 1), bad, finished(upids, 2));

        run();
        append(tasks.resolve("index"), finished(upids, 3));
        run();

        assertThat(count("ProxmoxTaskStarted")).isEqualTo(upids.size());
        assertThat(Files.readString(node.resolve("state/rejected-task-index.log"))).isEqualTo(bad + "\n");
    }

    @Test
    void givenAProxmoxNode_whenCollectorRuns_thenABaselineThenOnlyTheChangesAndNeverPriv() throws Exception {
        // given: /etc/pve and the node files as on a Proxmox VE node (formats: see PveFiles), with secrets in priv
        prepareNode("collect-config");
        Path root = node.resolve("root");
        for (Map.Entry<String, String> file : PveFiles.node().entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        Files.createDirectories(root.resolve("etc/pve/priv"));
        Files.writeString(root.resolve("etc/pve/priv/token.cfg"), "root@pam!ci 1b2c3d4e-0000-4000-8000-00000000\n");
        Map<String, String> withConfig = new java.util.HashMap<>(environment);
        withConfig.put("PVE_CONFIG_ROOT", root.toString());
        withConfig.put("PVE_PACKAGES_COMMAND", "cat " + root.resolve("packages.txt"));
        withConfig.put("PVE_JOURNALCTL", "");
        environment = withConfig;

        // when: a first run, then one with nothing changed
        run();
        run();

        // then: one baseline per target, no drift, and the heartbeat names the config source
        assertThat(countConfig("ConfigBaselineRecorded")).isEqualTo(8);
        assertThat(countConfig("ConfigDriftObserved")).isZero();
        assertThat(evidence().getList("sources.name", String.class)).contains("config");

        // when: one key changed and a guest removed, then a run with nothing new
        Path qemu = root.resolve("etc/pve/qemu-server/101.conf");
        Files.writeString(qemu, Files.readString(qemu).replace("memory: 2048", "memory: 4096"));
        Files.delete(root.resolve("etc/pve/lxc/102.conf"));
        run();
        run();

        // then: two drifts, the one key exactly, and nothing more
        assertThat(countConfig("ConfigDriftObserved")).isEqualTo(2);
        assertThat(countConfig("ConfigBaselineRecorded")).isEqualTo(8);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select payload->'changes' from domain_event where aggregate_type = 'Config' and aggregate_id = ? "
                        + "and event_type = 'ConfigDriftObserved' and payload->>'target' = '101'")) {
            s.setString(1, hostId);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("[{\"key\": \"memory\", \"file\": "
                        + "\"etc/pve/qemu-server/101.conf\", \"after\": \"4096\", \"before\": \"2048\", "
                        + "\"section\": \"\"}]");
            }
        }
    }

    @Test
    void givenAJournal_whenTheCollectorRunsAgainAndAgain_thenEachEntryIsSentOnceFromTheSavedCursor() throws Exception {
        // given: a node whose journalctl (a stand-in that prints its journal file as journalctl -o json does, the
        // entries after --after-cursor) holds a guest's cleanup and a task's start
        prepareNode("collect-journal");
        Path journal = node.resolve("journal.json");
        Path calls = node.resolve("journalctl.calls");
        Path journalctl = node.resolve("journalctl");
        Files.writeString(journalctl, """
                #!/bin/sh
                echo "$*" >> '%s'
                cursor=""
                while [ $# -gt 0 ]; do
                  [ "$1" = --after-cursor ] && cursor=$2
                  shift
                done
                if [ -z "$cursor" ]; then cat '%s'; exit 0; fi
                awk -v c="\\"__CURSOR\\":\\"$cursor\\"" 'found { print } index($0, c) { found = 1 }' '%s'
                """.formatted(calls, journal, journal));
        assertThat(journalctl.toFile().setExecutable(true)).isTrue();
        Map<String, String> withJournal = new java.util.HashMap<>(environment);
        withJournal.put("PVE_JOURNALCTL", journalctl.toString());
        withJournal.put("PVE_JOURNAL_CHUNK_LINES", "2");
        environment = withJournal;
        String upid = upid().node("pve-lab").startTime(at(1)).type("qmstart").id("105").text();
        append(journal, entry(1, "qmeventd", "Starting cleanup for 105"),
                entry(2, "qmeventd", "Finished cleanup for 105"),
                entry(3, "pvedaemon", "<root@pam> starting task " + upid));

        // when: a run, a run with nothing new, then one after the task's end was logged
        run();
        run();
        append(journal, entry(4, "pvedaemon", "<root@pam> end task " + upid + " OK"));
        run();

        // then: the stop and the task arrived once each, the later runs asked for what came after the cursor
        assertThat(count("GuestStopObserved")).isEqualTo(1);
        assertThat(count("ProxmoxTaskStarted")).isEqualTo(1);
        assertThat(count("ProxmoxTaskFinished")).isEqualTo(1);
        List<String> asked = Files.readAllLines(calls);
        assertThat(asked).hasSize(3);
        assertThat(asked.get(0)).contains("-o json").contains("--since -24h");
        assertThat(asked.get(1)).contains("--after-cursor s=test;i=3");
        assertThat(asked.get(2)).contains("--after-cursor s=test;i=3");
        assertThat(Files.readString(node.resolve("state/journal.cursor")).strip()).isEqualTo("s=test;i=4");
        assertThat(evidence().getList("sources.name", String.class)).contains("journal");
    }

    /** An entry as journalctl -o json --output-fields=... prints it (the cursor, times and boot id always). */
    private static String entry(int i, String identifier, String message) {
        long micros = at(i).toEpochMilli() * 1000 + 123;
        return "{\"__CURSOR\":\"s=test;i=" + i + "\",\"__REALTIME_TIMESTAMP\":\"" + micros
                + "\",\"__MONOTONIC_TIMESTAMP\":\"" + (i * 1_000_000L) + "\",\"_BOOT_ID\":"
                + "\"0f1e2d3c4b5a69788796a5b4c3d2e1f0\",\"SYSLOG_IDENTIFIER\":\"" + identifier
                + "\",\"_PID\":\"1021\",\"MESSAGE\":\"" + message + "\"}";
    }

    private long countConfig(String type) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from domain_event where event_type = ? and aggregate_type = 'Config' "
                        + "and aggregate_id = ?")) {
            s.setString(1, type);
            s.setString(2, hostId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void run() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("sh", Path.of("docker/changeledger-collect.sh").toAbsolutePath()
                .toString()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isZero();
    }

    private long count(String type) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "select count(*) from domain_event where event_type = ? and aggregate_id like ?")) {
            s.setString(1, type);
            s.setString(2, hostId + "/%");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Instant at(int i) {
        return Instant.parse("2026-11-03T08:00:00Z").plusSeconds(600L * i);
    }

    private static String finished(List<String> upids, int i) {
        String text = upid().startTime(at(i)).type(i % 2 == 0 ? "qmstart" : "qmshutdown").id(String.valueOf(100 + i))
                .text();
        upids.add(text);
        return TaskLines.index(text, at(i).plusSeconds(30), "OK");
    }

    private static String change(int i) {
        return TaskLines.access("::ffff:192.0.2.10", "root@pam", OffsetDateTime.of(2026, 11, 3, 9, i, 0, 0,
                ZoneOffset.ofHours(1)), "PUT", "/api2/json/nodes/pve-lab/qemu/10" + i + "/config", 200);
    }

    private static String read(int i) {
        return TaskLines.access("::ffff:192.0.2.10", "root@pam", OffsetDateTime.of(2026, 11, 3, 9, i, 0, 0,
                ZoneOffset.ofHours(1)), "GET", "/api2/json/nodes/pve-lab/qemu/10" + i + "/status/current", 200);
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.writeString(file, String.join("\n", lines) + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static void write(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n");
    }
}
