package changeledger.ingestion.rest;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import changeledger.eventstore.EventStore;
import changeledger.eventstore.GlobalCursor;
import changeledger.support.TaskLines;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IngestionResourceTest {

    private static final Instant START = Instant.parse("2026-11-04T12:00:00Z");

    @Inject
    EventStore store;

    String host;
    String ingester;
    GlobalCursor before;

    @BeforeEach
    void host() {
        host = registerHost("ing", "lab", "pve-lab");
        ingester = createKey("ingester", host);
        before = store.safeHead().orElse(GlobalCursor.START);
    }

    private String line(int i) {
        return TaskLines.index(upid().startTime(START.plusSeconds(i * 60L)).id(String.valueOf(100 + i)).text(),
                START.plusSeconds(i * 60L + 5), "OK");
    }

    private void assertNothingStored() {
        assertThat(store.readAfter(before, 10)).noneMatch(e -> e.aggregate().id().startsWith(host + "/"));
    }

    @Nested
    class Accepted {

        @Test
        void givenIndexLines_thenCountsAndRejectedLinesWithReasons_andResendIsAllDuplicates() {
            String body = line(1) + "\n# a comment\n\n" + line(2) + "\nnot a upid at all\n";

            as(ingester).contentType("text/plain").body(body).post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(200)
                    .body("accepted", equalTo(2)).body("duplicates", equalTo(0))
                    .body("rejected", hasSize(1))
                    .body("rejected[0].lineNumber", equalTo(5))
                    .body("rejected[0].line", equalTo("not a upid at all"));
            as(ingester).contentType("text/plain").body(body).post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(200).body("accepted", equalTo(0)).body("duplicates", equalTo(2));
        }

        @Test
        void givenApiJsonEnvelope_thenAccepted() {
            String json = "{\"data\":[" + TaskLines.apiFinished(upid().startTime(START).id("201"),
                    START.plusSeconds(9), "OK") + "],\"total\":1}";

            as(ingester).contentType("application/json").body(json).post("/api/v1/hosts/" + host + "/ingest/tasks")
                    .then().statusCode(200).body("accepted", equalTo(1));
        }
    }

    @Nested
    class Refused {

        @Test
        void givenWrongContentType_then415AndNothingStored() {
            as(ingester).contentType("application/xml").body("<tasks/>")
                    .post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(415).contentType("application/problem+json");
            assertNothingStored();
        }

        @Test
        void givenWhollyUndecodableBody_then422WithTheLineRefusedAndNothingStored() {
            byte[] binary = {(byte) 0xff, (byte) 0xfe, 0x00, 0x01, (byte) 0xc3, 0x28, '\n', (byte) 0xc3, 0x28};
            as(ingester).contentType("text/plain").body(binary).post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("rejectedCount", equalTo(2))
                    .body("rejected[0].reason", containsString("NUL"))
                    .body("rejected[1].reason", containsString("UTF-8"));
            assertNothingStored();
        }

        @Test
        void givenFiftyMegabyteLine_thenThatLineIsRefusedEchoedInPartAndTheOtherStored() {
            String body = line(1) + "\n" + "x".repeat(50 * 1024 * 1024) + "\n";
            String answer = as(ingester).contentType("text/plain").body(body)
                    .post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(200).body("accepted", equalTo(1))
                    .body("rejected[0].lineNumber", equalTo(2))
                    .body("rejected[0].reason", containsString("at most 65536"))
                    .extract().asString();
            assertThat(answer.length()).isLessThan(2_000);
        }

        @Test
        void givenLineOver64KiB_thenThatLineIsRefusedAndTheOtherStored() {
            String body = line(1) + "\n" + line(2) + " " + "x".repeat(70 * 1024) + "\n";
            as(ingester).contentType("text/plain").body(body).post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(200).body("accepted", equalTo(1)).body("rejectedCount", equalTo(1))
                    .body("rejected[0].lineNumber", equalTo(2));
        }

        @Test
        void givenTruncatedJson_then400AndNothingStored() {
            as(ingester).contentType("application/json").body("{\"data\":[{\"upid\":\"UPID:pve-lab:")
                    .post("/api/v1/hosts/" + host + "/ingest/tasks")
                    .then().statusCode(400).contentType("application/problem+json");
            assertNothingStored();
        }

        @Test
        void givenOnlyRejectedLines_then422WithPerLineReasonsAndNothingStored() {
            String otherNode = TaskLines.index(upid().node("pve-infra").startTime(START).text(), START, "OK");
            as(ingester).contentType("text/plain").body(otherNode + "\ngarbage\n")
                    .post("/api/v1/hosts/" + host + "/ingest/task-index")
                    .then().statusCode(422).contentType("application/problem+json")
                    .body("rejected", hasSize(2)).body("rejectedCount", equalTo(2))
                    .body("rejected[0].reason", containsString("pve-infra"));
            assertNothingStored();
        }

        @Test
        void givenIngesterOfAnotherHost_then403AndNothingStored() {
            String otherHost = registerHost("other", "infrastructure", "pve-infra");
            String otherIngester = createKey("ingester", otherHost);

            as(otherIngester).contentType("text/plain").body(line(1))
                    .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(403);
            as(createKey("admin")).contentType("text/plain").body(line(1))
                    .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(403);
            assertNothingStored();
        }
    }

    @Nested
    class Concurrency {

        @Test
        void givenTwoUploadsOfTheSameNewTasksInOppositeOrder_thenBothSucceedAndEveryTaskIsStoredOnce()
                throws Exception {
            for (int round = 0; round < 5; round++) {
                List<String> lines = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    lines.add(line(round * 1000 + i));
                }
                List<String> reversed = new ArrayList<>(lines);
                Collections.reverse(reversed);

                CompletableFuture<Response> forward = CompletableFuture.supplyAsync(() -> upload(lines));
                CompletableFuture<Response> backward = CompletableFuture.supplyAsync(() -> upload(reversed));

                Response a = forward.get(60, TimeUnit.SECONDS);
                Response b = backward.get(60, TimeUnit.SECONDS);
                assertThat(List.of(a.statusCode(), b.statusCode())).as(a.asString() + b.asString())
                        .containsOnly(200);
                assertThat(a.<Integer>path("accepted") + b.<Integer>path("accepted")).isEqualTo(200);
                assertThat(a.<Integer>path("duplicates") + b.<Integer>path("duplicates")).isEqualTo(200);
            }
        }

        private Response upload(List<String> lines) {
            return as(ingester).contentType("text/plain").body(String.join("\n", lines) + "\n")
                    .post("/api/v1/hosts/" + host + "/ingest/task-index");
        }
    }
}
