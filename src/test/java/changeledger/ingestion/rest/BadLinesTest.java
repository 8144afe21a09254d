package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import changeledger.eventstore.EventStore;
import changeledger.eventstore.GlobalCursor;
import changeledger.eventstore.StoredEvent;
import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad bytes are bad lines: one line never refuses an upload, and answers stay small whatever is sent. */
@QuarkusTest
class BadLinesTest {

    private static final Instant START = Instant.parse("2026-11-05T08:00:00Z");

    @Inject
    EventStore store;

    String host;
    String ingester;
    GlobalCursor before;

    @BeforeEach
    void host() {
        host = registerHost("bad", "lab", "pve-lab");
        ingester = createKey("ingester", host);
        before = store.safeHead().orElse(GlobalCursor.START);
    }

    private String line(int i) {
        return TaskLines.index(upid().startTime(START.plusSeconds(i * 60L)).id(String.valueOf(100 + i)).text(),
                START.plusSeconds(i * 60L + 5), "OK");
    }

    private long storedStreams() {
        return store.readAfter(before, 10_000).stream().map(StoredEvent::aggregate)
                .filter(a -> a.id().startsWith(host + "/")).distinct().count();
    }

    @Test
    void givenNulLineInvalidUtf8LineAndLongUpidAmongGoodLines_thenGoodOnesStoredAndTheThreeRefused() throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write((line(1) + "\n").getBytes(StandardCharsets.UTF_8));
        body.write(("\0\0\0\0" + line(2) + "\n").getBytes(StandardCharsets.UTF_8));
        body.write((line(3) + "\n").getBytes(StandardCharsets.UTF_8));
        body.write(new byte[] {'U', 'P', 'I', 'D', (byte) 0xC3, 0x28, ' ', '1', '\n'});
        body.write((line(5) + "\n").getBytes(StandardCharsets.UTF_8));
        String longUpid = upid().startTime(START).id("9".repeat(3_000)).text();
        body.write((TaskLines.index(longUpid, START.plusSeconds(1), "OK") + "\n").getBytes(StandardCharsets.UTF_8));
        body.write((line(7) + "\n").getBytes(StandardCharsets.UTF_8));

        as(ingester).contentType("text/plain").body(body.toByteArray())
                .post("/api/v1/hosts/" + host + "/ingest/task-index")
                .then().statusCode(200).body("accepted", equalTo(4)).body("rejectedCount", equalTo(3))
                .body("rejected.lineNumber", org.hamcrest.Matchers.contains(2, 4, 6))
                .body("rejected[0].reason", containsString("NUL"))
                .body("rejected[1].reason", containsString("UTF-8"))
                .body("rejected[2].reason", containsString("over 512 bytes"));
        assertThat(storedStreams()).isEqualTo(4);
    }

    @Test
    void givenAccessLogWithNulAndControlLines_thenTheChangeLineStoredAndTheOthersRefused() {
        String put = TaskLines.access("192.0.2.7", "root@pam", OffsetDateTime.of(2026, 11, 5, 9, 0, 0, 0,
                ZoneOffset.UTC), "PUT", "/api2/json/nodes/pve-lab/qemu/100/config", 200);

        as(ingester).contentType("text/plain").body("\0\0\0\n" + put + "\nbell\u0007\n")
                .post("/api/v1/hosts/" + host + "/ingest/access-log")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejectedCount", equalTo(2))
                .body("rejected.lineNumber", org.hamcrest.Matchers.contains(1, 3));
    }

    @Test
    void givenTaskJsonItemsWithNulStatusAndLongUpid_thenThoseItemsRefusedAndTheGoodOneStored() {
        String good = TaskLines.apiFinished(upid().startTime(START).id("301"), START.plusSeconds(9), "OK").toString();
        String nul = TaskLines.apiFinished(upid().startTime(START).id("302"), START.plusSeconds(9), "OK\u0000")
                .toString();
        String longUpid = TaskLines.apiFinished(upid().startTime(START).id("303"), START.plusSeconds(9), "OK")
                .put("upid", upid().startTime(START).id("3".repeat(3_000)).text()).toString();

        as(ingester).contentType("application/json").body("[" + good + "," + nul + "," + longUpid + "]")
                .post("/api/v1/hosts/" + host + "/ingest/tasks")
                .then().statusCode(200).body("accepted", equalTo(1)).body("rejectedCount", equalTo(2))
                .body("rejected[0].reason", containsString("NUL"))
                .body("rejected[1].reason", containsString("over 512 bytes"));
    }

    @Test
    void givenMillionJunkLines_then422WithTheFirst100UnderSixtyFourKiBAndTheServiceStaysReady() {
        byte[] junk = "junk line that is no task\n".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);

        Response answer = as(ingester).contentType("text/plain").body(junk)
                .post("/api/v1/hosts/" + host + "/ingest/task-index");

        answer.then().statusCode(422).contentType("application/problem+json")
                .body("rejectedCount", equalTo(1_000_000)).body("rejected", hasSize(100))
                .body("rejected[99].lineNumber", equalTo(100));
        assertThat(answer.asByteArray().length).isLessThan(64 * 1024);
        given().get("/q/health/ready").then().statusCode(200);
        assertThat(storedStreams()).isZero();
    }

    @Test
    void givenMillionJunkAccessLogLines_then422UnderSixtyFourKiB() {
        byte[] junk = "junk\n".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);

        Response answer = as(ingester).contentType("text/plain").body(junk)
                .post("/api/v1/hosts/" + host + "/ingest/access-log");

        answer.then().statusCode(422).body("rejectedCount", equalTo(1_000_000)).body("rejected", hasSize(100));
        assertThat(answer.asByteArray().length).isLessThan(64 * 1024);
    }
}
