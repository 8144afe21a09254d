package changeledger.journal;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Manual entries over real HTTP: record, read, retract, and how they show in the audit log. */
@QuarkusTest
class ManualEntryResourceTest {

    private static final Instant WHEN = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private String host;
    private String submitter;

    @BeforeEach
    void host() {
        host = registerHost("journal", "infrastructure", "pve-journal");
        submitter = createKey("submitter", host);
    }

    @Nested
    class Recording {

        @Test
        void givenChangeEntry_whenRecorded_then201AndItIsAManualChangeOfItsGuestInTheAuditLog() {
            String location = as(submitter).contentType(ContentType.JSON).body(entry("change", "101"))
                    .post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(201).header("Location", containsString("/api/v1/hosts/" + host + "/entries/e-"))
                    .body("kind", equalTo("change")).body("target", equalTo("101"))
                    .body("occurredAt", equalTo(WHEN.toString()))
                    .body("disruption.start", equalTo(WHEN.toString()))
                    .body("recordedBy", startsWith("submitter key")).body("retracted", equalTo(false))
                    .extract().header("Location");

            as(createKey("reader", host)).get(location).then().statusCode(200).body("summary", equalTo("apt full-upgrade"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(createKey("reader")).queryParam("host", host)
                    .queryParam("class", "manual").get("/api/v1/events")
                    .then().statusCode(200).body("items.size()", equalTo(1))
                    .body("items[0].type", equalTo("ManualEntryRecorded")).body("items[0].guest", equalTo("101"))
                    .body("items[0].occurredAt", equalTo(WHEN.toString())));
        }

        @Test
        void givenNoteWithoutTarget_whenRecorded_thenTargetIsTheNodeAndItHasNoClass() {
            Map<String, Object> body = entry("note", null);
            body.remove("disruption");
            String id = as(submitter).contentType(ContentType.JSON).body(body).post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(201).body("target", equalTo("node")).body("disruption", nullValue())
                    .extract().path("id");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(createKey("reader")).queryParam("host", host)
                    .queryParam("type", "ManualEntryRecorded").get("/api/v1/events")
                    .then().body("items.size()", equalTo(1)).body("items[0].class", nullValue())
                    .body("items[0].aggregateId", equalTo(host + "/" + id)));
        }
    }

    @Nested
    class Retracting {

        @Test
        void givenEntry_whenRetracted_thenMarkedWithReasonAndASecondRetractionIs409() {
            String id = as(submitter).contentType(ContentType.JSON).body(entry("change", "node"))
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201).extract().path("id");

            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "recorded on the wrong host"))
                    .post("/api/v1/hosts/" + host + "/entries/" + id + "/retract")
                    .then().statusCode(200).body("retracted", equalTo(true))
                    .body("retraction.reason", equalTo("recorded on the wrong host"))
                    .body("retraction.by", startsWith("submitter key")).body("summary", equalTo("apt full-upgrade"));
            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "again"))
                    .post("/api/v1/hosts/" + host + "/entries/" + id + "/retract")
                    .then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("recorded on the wrong host"));
        }

        @Test
        void givenUnknownEntryOrNoReason_whenRetracted_then404Or400() {
            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                    .post("/api/v1/hosts/" + host + "/entries/e-unknown/retract").then().statusCode(404);
            as(submitter).contentType(ContentType.JSON).body(Map.of())
                    .post("/api/v1/hosts/" + host + "/entries/e-unknown/retract")
                    .then().statusCode(400).body("detail", containsString("reason"));
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenFaultyBodies_whenRecorded_then400NamingTheField() {
            Map<String, String> faults = Map.of(
                    "kind", "{\"summary\": \"x\", \"occurredAt\": \"" + WHEN + "\"}",
                    "'kind'", "{\"kind\": \"upgrade\", \"summary\": \"x\", \"occurredAt\": \"" + WHEN + "\"}",
                    "'summary'", "{\"kind\": \"note\", \"summary\": \" \", \"occurredAt\": \"" + WHEN + "\"}",
                    "'occurredAt'", "{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \""
                            + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}",
                    "'target'", "{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \"" + WHEN
                            + "\", \"target\": \"vm101\"}",
                    "'disruption'", "{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \"" + WHEN
                            + "\", \"disruption\": {\"start\": \"" + WHEN + "\", \"end\": \"" + WHEN.minusSeconds(1) + "\"}}",
                    "severity", "{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \"" + WHEN
                            + "\", \"severity\": \"high\"}");
            faults.forEach((field, body) -> as(submitter).contentType(ContentType.JSON).body(body)
                    .post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString(field)));
        }
    }

    @Nested
    class Access {

        @Test
        void givenReaderIngesterOrOtherHostsKey_whenRecording_then403Or404() {
            String other = registerHost("journal-other", "lab", "pve-other");
            for (String token : List.of(createKey("reader", host), createKey("ingester", host))) {
                as(token).contentType(ContentType.JSON).body(entry("note", null))
                        .post("/api/v1/hosts/" + host + "/entries").then().statusCode(403);
            }
            as(createKey("submitter", other)).contentType(ContentType.JSON).body(entry("note", null))
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(404);
        }
    }

    private static Map<String, Object> entry(String kind, String target) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("summary", "apt full-upgrade");
        body.put("details", "Kernel 6.8.12-4, *rebooted* afterwards.");
        body.put("occurredAt", WHEN.toString());
        body.put("disruption", Map.of("start", WHEN.toString(), "end", WHEN.plusSeconds(240).toString()));
        if (target != null) {
            body.put("target", target);
        }
        return body;
    }
}
