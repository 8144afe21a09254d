package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.evidence.EvidenceClock;
import changeledger.evidence.TestClock;
import changeledger.support.PveFiles;
import changeledger.support.TaskLines;
import changeledger.support.Tars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A guest that migrates from node A to node B of a cluster is one change (ADR 0065, docs/migrations.md): the drift of
 * B's snapshot that shows it appear is the evidence of A's migration and counts nowhere; the migration counts on A.
 * Driven over real HTTP (task-index lines, configuration pushes) with snapshots of both hosts before and after the
 * migration, in both orders of arrival. The evidence clock is set in March 2026: snapshots at 08:00 and 10:00, the
 * migration at 09:00 (20 s), so every drift's window is (08:00, 10:00] and holds the migration's start.
 */
@QuarkusTest
class MovedGuestDriftTest {

    private static final Instant BEFORE = Instant.parse("2026-03-12T08:00:00Z");
    private static final Instant MIGRATION = Instant.parse("2026-03-12T09:00:00Z");
    private static final Instant AFTER = Instant.parse("2026-03-12T10:00:00Z");
    private static final String MONTH = "2026-03";

    private final TestClock clock = new TestClock(BEFORE);

    private String cluster;
    private String a;
    private String b;
    private ReportMonth monthA;
    private ReportMonth monthB;

    @BeforeEach
    void twoNodesOfOneCluster() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        a = registerHost("moved-a", "lab", "pve-a");
        b = registerHost("moved-b", "lab", "pve-b");
        cluster = "moved-" + UUID.randomUUID().toString().substring(0, 6);
        join(a, cluster);
        join(b, cluster);
        monthA = new ReportMonth(a, "pve-a");
        monthB = new ReportMonth(b, "pve-b");
    }

    @Test
    void givenALiveMigrationUploadedBeforeTheSnapshots_thenItCountsOnceOnA_andNotOnB() {
        // given: the migration task first, then A's and B's snapshots before and after it
        monthA.tasks(monthA.task("qmigrate", "101", MIGRATION, "root@pam", "OK"));
        snapshotsBefore();
        snapshotsAfter();

        // then
        assertCountedOnceOnA();
    }

    @Test
    void givenALiveMigrationUploadedAfterTheSnapshots_thenItCountsOnceOnA_andNotOnB() {
        // given: both hosts' snapshots first (B's drift counts until the migration arrives), then the migration task
        snapshotsBefore();
        snapshotsAfter();
        caughtUp();
        assertThat(changes(b)).as("no migration known yet: the guest's appearance counts on B").isEqualTo(1);
        monthA.tasks(monthA.task("qmigrate", "101", MIGRATION, "root@pam", "OK"));

        // then
        assertCountedOnceOnA();

        // and the same after a replay of the change statistics (other batches, one order)
        asAdmin().post("/api/v1/admin/processors/change-stats/replay").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath list = asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract().jsonPath();
            return list.getList("items.replaying", Boolean.class).stream().noneMatch(Boolean.TRUE::equals)
                    && list.getList("items.lagEvents", Number.class).stream().allMatch(lag -> lag.longValue() == 0);
        });
        assertCountedOnceOnA();
    }

    @Test
    void givenAGuestThatAppearsOnBWithNoMigration_thenItCountsOnB() {
        snapshotsBefore();
        push(b, filesOfB(true), AFTER);
        caughtUp();

        assertThat(changes(b)).isEqualTo(1);
        assertThat(monthB.json(MONTH).getInt("hosts[0].changes.observed")).isEqualTo(1);
        assertThat(changes(a)).isZero();
        assertThat(asAdmin().queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .queryParam("bucket", "month").get("/api/v1/clusters/" + cluster + "/stats").then().statusCode(200)
                .extract().jsonPath().getInt("buckets[0].counts.change")).isEqualTo(1);
    }

    @Test
    void givenAMigrationOfTheVmidOnAHostOfAnotherCluster_thenItDoesNotExplainTheAppearanceOnB() {
        // given: host C of another cluster migrates its own 101 at 09:00; B shows a 101 appear in (08:00, 10:00]
        String c = registerHost("moved-c", "lab", "pve-c");
        join(c, "other-" + UUID.randomUUID().toString().substring(0, 6));
        ReportMonth monthC = new ReportMonth(c, "pve-c");
        snapshotsBefore();
        monthC.tasks(monthC.task("qmigrate", "101", MIGRATION, "root@pam", "OK"));
        push(b, filesOfB(true), AFTER);
        caughtUp();

        // then: B's drift counts, C's migration counts on C
        assertThat(changes(b)).isEqualTo(1);
        assertThat(monthB.json(MONTH).getInt("hosts[0].changes.observed")).isEqualTo(1);
        assertThat(count(c, "disruptive")).isEqualTo(1);
    }

    @Test
    void givenAMigrationThatFailsAfterItExplainedTheAppearance_thenTheAppearanceCountsOnBAgain() {
        // given: the migration seen running at 09:00 (it explains B's drift), then its finish: failed
        String migration = upid().node("pve-a").type("qmigrate").id("101").user("root@pam").startTime(MIGRATION)
                .text();
        upload(a, TaskLines.activeRunning(migration));
        push(b, filesOfB(false), BEFORE);
        push(b, filesOfB(true), AFTER);
        caughtUp();
        assertThat(changes(b)).as("explained by the running migration").isZero();

        // when
        upload(a, TaskLines.index(migration, MIGRATION.plusSeconds(20), "migration aborted"));
        caughtUp();

        // then: a failed migration explains nothing on B; it still counts on A
        assertThat(changes(b)).isEqualTo(1);
        assertThat(count(a, "disruptive")).isEqualTo(1);
    }

    @Test
    void givenAFailedMigrationUploadedWithItsFinish_thenItDoesNotExplainTheAppearanceOnB() {
        monthA.tasks(monthA.task("qmigrate", "101", MIGRATION, "root@pam", "migration aborted"));
        push(b, filesOfB(false), BEFORE);
        push(b, filesOfB(true), AFTER);
        caughtUp();

        assertThat(changes(b)).isEqualTo(1);
    }

    @Test
    void givenAMigrationRunningWhenBsPreviousSnapshotWasTaken_thenItsSpanOverlapsTheWindow_andExplainsTheAppearance() {
        // given: B's snapshots first; the migration ran 07:59:50-08:00:10, across B's snapshot at 08:00 (which did not
        // show 101 yet): its span overlaps B's window (08:00, 10:00] though it started before it
        Instant across = BEFORE.minusSeconds(10);
        snapshotsBefore();
        snapshotsAfter();
        caughtUp();
        monthA.tasks(monthA.task("qmigrate", "101", across, "root@pam", "OK"));
        caughtUp();

        // then
        assertThat(changes(b)).isZero();
        assertThat(count(a, "disruptive")).isEqualTo(1);
    }

    @Test
    void givenAMigrationSeenRunningBeforeBsWindow_whenItsFinishArrives_thenItsSpanExplainsTheAppearance() {
        // given: seen running from 07:59:50 (no end known: it spans its start, before B's window (08:00, 10:00])
        String migration = upid().node("pve-a").type("qmigrate").id("101").user("root@pam")
                .startTime(BEFORE.minusSeconds(10)).text();
        upload(a, TaskLines.activeRunning(migration));
        push(b, filesOfB(false), BEFORE);
        push(b, filesOfB(true), AFTER);
        caughtUp();
        assertThat(changes(b)).as("a migration that ended before the window explains nothing").isEqualTo(1);

        // when: it ended OK at 08:00:10
        upload(a, TaskLines.index(migration, BEFORE.plusSeconds(10), "OK"));
        caughtUp();

        // then
        assertThat(changes(b)).isZero();
        assertThat(count(a, "disruptive")).isEqualTo(1);
    }

    @Test
    void givenAMigrationThatEndedBeforeBsPreviousSnapshot_thenItDoesNotExplainTheAppearance() {
        // given: 101 migrated 07:00:00-07:00:20, yet B's snapshot at 08:00 did not show it: what B shows later is not it
        monthA.tasks(monthA.task("qmigrate", "101", BEFORE.minusSeconds(3600), "root@pam", "OK"));
        push(b, filesOfB(false), BEFORE);
        push(b, filesOfB(true), AFTER);
        caughtUp();

        assertThat(changes(b)).isEqualTo(1);
    }

    /** A counts the migration (disruptive, its "gone" drift is its evidence), B nothing; their sum is one change. */
    private void assertCountedOnceOnA() {
        caughtUp();
        assertThat(count(a, "disruptive")).isEqualTo(1);
        assertThat(changes(a)).as("A's drift (101 gone) is the migration's evidence").isZero();
        assertThat(count(b, "disruptive")).isZero();
        assertThat(changes(b)).as("B's drift (101 appeared) is the migration's evidence").isZero();

        JsonPath reportA = monthA.json(MONTH);
        JsonPath reportB = monthB.json(MONTH);
        assertThat(reportA.getInt("hosts[0].changes.observed")).isEqualTo(1);
        assertThat(reportB.getInt("hosts[0].changes.observed")).isZero();
        assertThat(reportA.getInt("hosts[0].changes.observed") + reportB.getInt("hosts[0].changes.observed"))
                .as("one migration, one change in the cluster").isEqualTo(1);
        JsonPath clusterStats = asAdmin().queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .queryParam("bucket", "month").get("/api/v1/clusters/" + cluster + "/stats").then().statusCode(200)
                .extract().jsonPath();
        assertThat(clusterStats.getInt("buckets[0].counts.disruptive")).isEqualTo(1);
        assertThat(clusterStats.getInt("buckets[0].counts.change")).isZero();

        // B's drift is recorded, and it is the guest that appeared
        JsonPath drifts = as(createKey("reader", b)).queryParam("host", b).queryParam("type", "ConfigDriftObserved")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(drifts.getList("items.guest", String.class)).containsExactly("101");
        assertThat(reportB.getList("hosts[0].changes.items.eventId", String.class))
                .doesNotContain(drifts.getString("items[0].id"));
    }

    /** A holds 101 and 102; B holds no guest (its 102 would clash: VMIDs are unique in a cluster). */
    private void snapshotsBefore() {
        push(a, PveFiles.node(), BEFORE);
        push(b, filesOfB(false), BEFORE);
    }

    /** 101 has left A and is on B. */
    private void snapshotsAfter() {
        Map<String, String> filesOfA = PveFiles.node();
        filesOfA.remove("etc/pve/qemu-server/101.conf");
        push(a, filesOfA, AFTER);
        push(b, filesOfB(true), AFTER);
    }

    private static Map<String, String> filesOfB(boolean with101) {
        Map<String, String> files = PveFiles.node();
        files.remove("etc/pve/lxc/102.conf");
        if (!with101) {
            files.remove("etc/pve/qemu-server/101.conf");
        }
        return files;
    }

    private void push(String hostId, Map<String, String> files, Instant at) {
        clock.set(at);
        as(createKey("ingester", hostId)).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + hostId + "/ingest/config").then().statusCode(200);
    }

    private static void upload(String hostId, String... lines) {
        as(createKey("ingester", hostId)).contentType("text/plain")
                .body(TaskLines.body(new ArrayList<>(List.of(lines))))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200);
    }

    /** Joins since February 2026: members through the whole month of the scenario. */
    private static void join(String hostId, String cluster) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("cluster", cluster, "since", "2026-02-01T00:00:00Z"))
                .put("/api/v1/hosts/" + hostId + "/cluster").then().statusCode(200);
    }

    private static void caughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
    }

    /** Changes of class {@code change} (drifts among them) in the month's stats. */
    private long changes(String hostId) {
        return count(hostId, "change");
    }

    private long count(String hostId, String eventClass) {
        return as(createKey("reader", hostId)).queryParam("from", "2026-03-01").queryParam("to", "2026-04-01")
                .queryParam("bucket", "month").get("/api/v1/hosts/" + hostId + "/stats").then().statusCode(200)
                .extract().jsonPath().getLong("buckets[0].counts." + eventClass);
    }
}
