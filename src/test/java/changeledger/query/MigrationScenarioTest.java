package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.evidence.EvidenceClock;
import changeledger.evidence.TestClock;
import changeledger.support.ProxmoxFixtures;
import changeledger.support.PveFiles;
import changeledger.support.Tars;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A guest that moves between two nodes of a cluster (issue 23 item 3, ADR 0065), over real HTTP from the task-index
 * lines of {@code proxmox/migrations/} (its README cites the sources and works out each number) and configuration
 * pushes. Node A runs the migration task (its UPID names A alone); B knows the guest from a later task or snapshot of
 * it. Times are in September 2026, long past: no window counts up to now.
 */
@QuarkusTest
class MigrationScenarioTest {

    private static final Instant DAY = Instant.parse("2026-09-14T00:00:00Z");
    private static final String FROM = "2026-09-01";
    private static final String TO = "2026-10-01";
    /** QEMU_101's {@code meta: ctime=1730000000}. */
    private static final Instant PIHOLE_CREATED = Instant.ofEpochSecond(1730000000L);

    private final TestClock clock = new TestClock(DAY);

    private String a;
    private String b;
    private String reader;

    @BeforeEach
    void twoNodesOfOneCluster() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        a = registerHost("mig-a", "lab", "pve-a");
        b = registerHost("mig-b", "lab", "pve-b");
        String cluster = "mig-" + suffix;
        join(a, cluster);
        join(b, cluster);
        reader = createKey("reader");
    }

    @Test
    void givenLiveMigrationFromAToB_thenNoDisruption_oneChange_andTheHistoryOnBoth() {
        // given: pihole (101) is on A from the push at 08:00; qmigrate 09:00:00-09:02:00 on A; B backs it up at 10:00
        // (vzdump, routine) and its snapshot at 10:30 shows 101 with the same ctime
        push(a, PveFiles.node(), at("08:00:00"));
        String migrate = upload(a, "live/pve-a.index", ":qmigrate:101:");
        String backup = upload(b, "live/pve-b.index", ":vzdump:101:");
        push(b, Map.of("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101), at("10:30:00"));
        caughtUp();

        // then: no disruption on either host (a running VM moves live)
        assertThat(disruptions(a).getList("items")).isEmpty();
        assertThat(disruptions(b).getList("items")).isEmpty();

        // one change: the disruptive qmigrate counts on A, where it ran; B counts its backup only. A + B = 1 change.
        assertThat(count(a, "disruptive")).isEqualTo(1);
        assertThat(count(b, "disruptive")).isZero();
        assertThat(count(b, "change")).isZero();
        assertThat(count(b, "routine")).isEqualTo(1);

        // the task view of B shows the migration that brought pihole there, as run on A, and names the guest
        JsonPath tasksB = tasks(b);
        assertThat(tasksB.getList("items.upid", String.class)).containsExactly(migrate, backup);
        assertThat(tasksB.getString("items[0].ranOn")).isEqualTo(a);
        assertThat(tasksB.getString("items[0].guestName")).isEqualTo("pihole");
        assertThat(tasksB.getString("items[1].ranOn")).isNull();
        assertThat(tasksB.getString("items[1].guestName")).isEqualTo("pihole");
        // A's own view lists it once, without ranOn
        JsonPath tasksA = tasks(a);
        assertThat(tasksA.getList("items.upid", String.class)).containsExactly(migrate);
        assertThat(tasksA.getString("items[0].ranOn")).isNull();

        // the guest: on A from its creation until the migration's end, then on B with the same identity and name
        JsonPath guestsA = guests(a);
        assertThat(guestsA.getString("items.find { it.guest == '101' }.until")).isEqualTo("2026-09-14T09:02:00Z");
        assertThat(guestsA.getString("items.find { it.guest == '101' }.movedTo")).isEqualTo(b);
        JsonPath guestsB = guests(b);
        assertThat(guestsB.getList("items.guest", String.class)).containsExactly("101");
        assertThat(guestsB.getString("items[0].name")).isEqualTo("pihole");
        assertThat(guestsB.getString("items[0].created")).isEqualTo(PIHOLE_CREATED.toString());
        assertThat(guestsB.getString("items[0].since")).isEqualTo("2026-09-14T09:02:00Z");
        assertThat(guestsB.getString("items[0].until")).isNull();
        assertThat(guestsB.getString("items[0].movedFrom")).isEqualTo(a);
    }

    @Test
    void givenOfflineMigration_thenOneDisruptionFromTheStopOnAToTheStartOnB() {
        // given, uploaded target first: B starts 101 at 09:20:00-09:20:30; a host C outside the cluster starts its own
        // 101 at 09:10:00-09:10:30 (it must not end anything); A shut 101 down at 09:00:00-09:00:40 and migrated it
        // offline 09:05:00-09:06:00
        String c = registerHost("mig-c", "lab", "pve-c");
        String startB = upload(b, "offline/pve-b.index", ":qmstart:101:");
        upload(c, "offline/pve-c.index", ":qmstart:101:");
        String migrate = upload(a, "offline/pve-a.index", ":qmigrate:101:");
        caughtUp();

        // then: one window on A, 09:00:00 to 09:20:30 = 20.5 minutes, ended by B's start; none on B
        JsonPath windowsA = disruptions(a);
        assertThat(windowsA.getList("items")).hasSize(1);
        assertThat(windowsA.getString("items[0].cause")).isEqualTo("qmshutdown");
        assertThat(windowsA.getString("items[0].start")).isEqualTo("2026-09-14T09:00:00Z");
        assertThat(windowsA.getString("items[0].end")).isEqualTo("2026-09-14T09:20:30Z");
        assertThat(windowsA.getDouble("items[0].durationMinutes")).isEqualTo(20.5);
        assertThat(windowsA.getBoolean("items[0].migration")).isTrue();
        assertThat(windowsA.getBoolean("items[0].open")).isFalse();
        assertThat(windowsA.getString("items[0].closedBy")).isEqualTo("qmstart");
        assertThat(windowsA.getString("items[0].closedByUpid")).isEqualTo(startB);
        assertThat(disruptions(b).getList("items")).isEmpty();

        // the migration is on B's task view before B's start (its next sighting after the migration is on B)
        assertThat(tasks(b).getList("items.upid", String.class)).containsExactly(migrate, startB);
        // and not on C's, which is no member of the cluster
        assertThat(tasks(c).getList("items.type", String.class)).containsExactly("qmstart");

        // a retire entry on A at 09:10 is refused: 101 went to B stopped; its window is not A's to end
        Map<String, Object> retire = Map.of("kind", "retire", "summary", "decommissioned", "target", "101",
                "occurredAt", at("09:10:00").toString());
        as(createKey("submitter", a)).contentType(ContentType.JSON).body(retire).post("/api/v1/hosts/" + a + "/entries")
                .then().statusCode(409).body("detail", containsString("it migrated away stopped (qmigrate " + migrate));
    }

    @Test
    void givenOfflineMigrationOnAHostInNoCluster_thenTheStopWindowEndsWhereTheMigrationStarted() {
        // given: a host in no cluster shut 101 down at 09:00:00-09:00:40 and migrated it offline 09:05:00-09:06:00;
        // the target is no host the service knows, so no start there can end the window
        String solo = registerHost("mig-solo", "lab", "pve-a");
        String migrate = upload(solo, "offline/pve-a.index", ":qmigrate:101:");
        caughtUp();

        // then: the guest left the host when the migration started: 09:00:00 to 09:05:00 = 5.0 minutes, not open
        JsonPath windows = disruptions(solo);
        assertThat(windows.getList("items")).hasSize(1);
        assertThat(windows.getString("items[0].start")).isEqualTo("2026-09-14T09:00:00Z");
        assertThat(windows.getString("items[0].end")).isEqualTo("2026-09-14T09:05:00Z");
        assertThat(windows.getDouble("items[0].durationMinutes")).isEqualTo(5.0);
        assertThat(windows.getBoolean("items[0].open")).isFalse();
        assertThat(windows.getString("items[0].closedByUpid")).isEqualTo(migrate);
    }

    @Test
    void givenAVmidThatMovesAndIsThenDestroyed_thenTheDestroyOnBClosesItsHistory_andNothingStaysOpenOnA() {
        // given: pihole (101) pushed on A at 08:00, migrated live 09:00:00-09:01:00, destroyed on B
        // 11:00:00-11:00:20; guest 105 (no snapshot) stopped on A 09:30:00-09:30:10, migrated offline
        // 09:40:00-09:41:00, destroyed on B 10:30:00-10:30:20
        push(a, PveFiles.node(), at("08:00:00"));
        upload(a, "destroyed/pve-a.index", ":qmigrate:101:");
        String destroy101 = upload(b, "destroyed/pve-b.index", ":qmdestroy:101:");
        String destroy105 = upidIn("destroyed/pve-b.index", ":qmdestroy:105:");
        caughtUp();

        // then: on A, 105's stop window from 09:30:00 ends where B's destroy starts, 10:30:00: 60.0 minutes; nothing of
        // 101 (live) and nothing open
        JsonPath windowsA = disruptions(a);
        assertThat(windowsA.getList("items.guest", String.class)).containsExactly("105");
        assertThat(windowsA.getDouble("items[0].durationMinutes")).isEqualTo(60.0);
        assertThat(windowsA.getString("items[0].end")).isEqualTo("2026-09-14T10:30:00Z");
        assertThat(windowsA.getString("items[0].closedByUpid")).isEqualTo(destroy105);
        assertThat(windowsA.getList("items.open", Boolean.class)).containsOnly(false);
        // on B, the two destroys are windows of their own: 20 s = 0.3 minutes each (0.33 rounded)
        JsonPath windowsB = disruptions(b);
        assertThat(windowsB.getList("items.cause", String.class)).containsExactly("qmdestroy", "qmdestroy");
        assertThat(windowsB.getList("items.durationMinutes", Double.class)).containsExactly(0.3, 0.3);

        // the guest's history: on A until 09:01:00, moved to B; on B from 09:01:00 until the destroy ended, 11:00:20
        JsonPath guestsA = guests(a);
        assertThat(guestsA.getString("items.find { it.guest == '101' }.until")).isEqualTo("2026-09-14T09:01:00Z");
        assertThat(guestsA.getString("items.find { it.guest == '101' }.movedTo")).isEqualTo(b);
        JsonPath guestsB = guests(b);
        assertThat(guestsB.getList("items.guest", String.class)).containsExactly("101");
        assertThat(guestsB.getString("items[0].name")).isEqualTo("pihole");
        assertThat(guestsB.getString("items[0].since")).isEqualTo("2026-09-14T09:01:00Z");
        assertThat(guestsB.getString("items[0].until")).isEqualTo("2026-09-14T11:00:20Z");
        assertThat(guestsB.getString("items[0].movedFrom")).isEqualTo(a);
        // B's task view names the destroyed guest by the name it had on A
        JsonPath tasksB = tasks(b);
        assertThat(tasksB.getString("items.find { it.upid == '" + destroy101 + "' }.guestName")).isEqualTo("pihole");
    }

    private static Instant at(String time) {
        return Instant.parse("2026-09-14T" + time + "Z");
    }

    /** The UPID of the task of a fixture's line that contains {@code part}. */
    private static String upidIn(String fixture, String part) {
        return ProxmoxFixtures.text("migrations/" + fixture).lines().filter(line -> line.contains(part))
                .map(line -> line.substring(0, line.indexOf(' '))).findFirst().orElseThrow();
    }

    private static void join(String hostId, String cluster) {
        asAdmin().contentType(ContentType.JSON).body(Map.of("cluster", cluster))
                .put("/api/v1/hosts/" + hostId + "/cluster").then().statusCode(200);
    }

    /** Uploads a fixture's lines to a host; answers the UPID of its line that contains {@code part}. */
    private static String upload(String hostId, String fixture, String part) {
        as(createKey("ingester", hostId)).contentType("text/plain")
                .body(ProxmoxFixtures.text("migrations/" + fixture))
                .post("/api/v1/hosts/" + hostId + "/ingest/task-index").then().statusCode(200)
                .body("rejected.size()", equalTo(0));
        return upidIn(fixture, part);
    }

    private void push(String hostId, Map<String, String> files, Instant at) {
        clock.set(at);
        as(createKey("ingester", hostId)).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + hostId + "/ingest/config").then().statusCode(200);
    }

    private static void caughtUp() {
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
    }

    private JsonPath disruptions(String hostId) {
        return as(reader).queryParam("from", FROM).queryParam("to", TO)
                .get("/api/v1/hosts/" + hostId + "/disruptions").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath tasks(String hostId) {
        return as(reader).queryParam("from", FROM).queryParam("to", TO)
                .get("/api/v1/hosts/" + hostId + "/tasks").then().statusCode(200).extract().jsonPath();
    }

    private JsonPath guests(String hostId) {
        return as(reader).get("/api/v1/hosts/" + hostId + "/guests").then().statusCode(200).extract().jsonPath();
    }

    private long count(String hostId, String taskClass) {
        return as(reader).queryParam("from", FROM).queryParam("to", TO).queryParam("bucket", "month")
                .get("/api/v1/hosts/" + hostId + "/stats").then().statusCode(200).extract().jsonPath()
                .getLong("buckets[0].counts." + taskClass);
    }
}
