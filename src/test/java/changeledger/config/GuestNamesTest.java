package changeledger.config;

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
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Guest identity and names through the collector's push (DESIGN "Evidence"): a guest is its VMID plus its creation
 * time, so a VMID destroyed and reused is two guests; the audit query and the task view name a guest as it was called
 * when the event occurred, so a rename keeps the history.
 */
@QuarkusTest
class GuestNamesTest {

    private static final Instant BASELINE = Instant.parse("2026-03-05T08:00:00Z");
    private static final Instant RENAMED = Instant.parse("2026-03-05T10:00:00Z");
    private static final Instant REUSED = Instant.parse("2026-03-05T12:00:00Z");

    private final TestClock clock = new TestClock(BASELINE);

    private String host;
    private String ingester;

    @BeforeEach
    void host() {
        QuarkusMock.installMockForType(clock, EvidenceClock.class);
        host = registerHost("guest-names", "lab", "pve-names");
        ingester = createKey("ingester", host);
    }

    @Test
    void givenARenameAndAReusedVmid_thenEveryEventNamesTheGuestOfItsTime_andTheVmidHoldsTwoGuests() {
        // given: pihole (101, created 2024-10-27) is renamed dns1 at 10:00; at 12:00 VMID 101 holds grafana, created anew
        Map<String, String> files = PveFiles.node();
        push(files, BASELINE);
        files.put("etc/pve/qemu-server/101.conf", PveFiles.QEMU_101.replace("name: pihole", "name: dns1"));
        push(files, RENAMED);
        files.put("etc/pve/qemu-server/101.conf", "cores: 1\nmemory: 1024\nmeta: creation-qemu=8.1.5,ctime="
                + Instant.parse("2026-03-05T11:30:00Z").getEpochSecond() + "\nname: grafana\n");
        push(files, REUSED);
        push(files, REUSED.plusSeconds(60));
        List<String> lines = new ArrayList<>();
        for (String start : List.of("101 2026-03-01T06:00:00Z", "101 2026-03-05T09:00:00Z",
                "102 2026-03-05T09:30:00Z", "101 2026-03-05T11:00:00Z", "101 2026-03-05T13:00:00Z")) {
            String guest = start.substring(0, 3);
            Instant at = Instant.parse(start.substring(4));
            String text = upid().node("pve-names").type(guest.equals("101") ? "qmstart" : "vzstart").id(guest)
                    .startTime(at).text();
            lines.add(TaskLines.index(text, at.plusSeconds(5), "OK"));
        }
        as(ingester).contentType("text/plain").body(TaskLines.body(lines))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> asAdmin().get("/api/v1/admin/processors").then()
                .extract().jsonPath().getList("items.lagEvents", Number.class).stream()
                .allMatch(lag -> lag.longValue() == 0));
        String reader = createKey("reader", host);

        // then: the drifts of the reuse say which guest went and which came; the push of the same files adds nothing
        JsonPath drifts = as(reader).queryParam("host", host).queryParam("type", "ConfigDriftObserved")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(drifts.getList("items.payload.guestName", String.class)).containsExactly("dns1", "dns1", "grafana");
        assertThat(drifts.getList("items.payload.gone", Boolean.class)).containsExactly(false, true, false);
        assertThat(drifts.getList("items.summary", String.class)).containsExactly(
                "configuration of guest dns1 (101) changed: name", "guest dns1 (101) went away",
                "guest grafana (101) appeared");

        // the audit query and the task view name each start as the guest was called then
        JsonPath starts = as(reader).queryParam("host", host).queryParam("type", "ProxmoxTaskStarted")
                .get("/api/v1/events").then().statusCode(200).extract().jsonPath();
        assertThat(starts.getList("items.guestName", String.class))
                .containsExactly("pihole", "pihole", "unbound", "dns1", "grafana");
        JsonPath tasks = as(reader).queryParam("from", "2026-03-01").queryParam("to", "2026-03-06")
                .get("/api/v1/hosts/" + host + "/tasks").then().statusCode(200).extract().jsonPath();
        assertThat(tasks.getList("items.guestName", String.class))
                .containsExactly("pihole", "pihole", "unbound", "dns1", "grafana");

        // two guests under VMID 101, the first with both names
        JsonPath guests = as(reader).get("/api/v1/hosts/" + host + "/guests").then().statusCode(200).extract()
                .jsonPath();
        assertThat(guests.getList("items.findAll { it.guest == '101' }.name", String.class))
                .containsExactly("dns1", "grafana");
        assertThat(guests.getList("items.find { it.guest == '101' }.names.name", String.class))
                .containsExactly("pihole", "dns1");
        assertThat(guests.getString("items.find { it.guest == '101' }.until")).isEqualTo(REUSED.toString());
        assertThat(guests.getString("items.findAll { it.guest == '101' }[1].since")).isEqualTo(REUSED.toString());
        assertThat(guests.getString("items.find { it.guest == '102' }.name")).isEqualTo("unbound");
    }

    private void push(Map<String, String> files, Instant at) {
        clock.set(at);
        as(ingester).contentType("application/x-tar").body(Tars.of(files))
                .post("/api/v1/hosts/" + host + "/ingest/config").then().statusCode(200);
    }
}
