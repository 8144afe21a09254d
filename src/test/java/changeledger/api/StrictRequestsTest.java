package changeledger.api;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.ChangeRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The service's own bodies and parameters are strict: each fault is a 400 (or 414) problem naming what to fix. */
@QuarkusTest
class StrictRequestsTest {

    private static final String HOST_BODY = "{\"id\": \"strict-%s\", \"name\": %s, \"role\": \"lab\", \"node\": \"pve\"}";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"a\\u0000b\"                   | Field 'name' holds a NUL character",
        "\"bell\\u0007\"                 | Field 'name' holds a control character (U+0007)",
        "\"half \\ud800 pair\"           | Field 'name' holds a lone surrogate",
    })
    void givenBadTextInAField_then400NamingTheField(String name, String detail) {
        asAdmin().contentType(ContentType.JSON).body(String.format(HOST_BODY, "t", name)).post("/api/v1/hosts")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    @Test
    void givenTabAndAPairedSurrogate_thenAccepted() {
        String id = "strict-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        asAdmin().contentType(ContentType.JSON)
                .body("{\"id\": \"" + id + "\", \"name\": \"tab\\there \\ud83d\\ude00\", \"role\": \"lab\", \"node\": \"pve\"}")
                .post("/api/v1/hosts").then().statusCode(201);
    }

    @Test
    void givenDuplicateKeyOrTrailingTokens_then400() {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"id\": \"strict-d\", \"name\": \"a\", \"name\": \"b\", \"role\": \"lab\", \"node\": \"pve\"}")
                .post("/api/v1/hosts").then().statusCode(400).body("detail", containsString("Duplicate field 'name'"));
        asAdmin().contentType(ContentType.JSON)
                .body(String.format(HOST_BODY, "g", "\"a\"") + " {\"more\": 1}")
                .post("/api/v1/hosts").then().statusCode(400).body("detail", containsString("Trailing token"));
    }

    @Test
    void givenManualEntryDatedYearZeroOrTenThousand_then400NamingTheField() {
        String host = registerHost("strict", "lab", "pve-lab");
        String submitter = createKey("submitter", host);
        for (String when : new String[] {"0000-06-01T00:00:00Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59Z"}) {
            as(submitter).contentType(ContentType.JSON)
                    .body("{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \"" + when + "\"}")
                    .post("/api/v1/hosts/" + host + "/entries")
                    .then().statusCode(400).body("detail", containsString("Field 'occurredAt'"))
                    .body("detail", containsString("1970 to 9999"));
        }
    }

    @Test
    void givenNulInAQueryOrPathParameter_then400NamingIt() {
        String reader = createKey("reader");
        as(reader).urlEncodingEnabled(false).get("/api/v1/events?host=a%00b").then().statusCode(400)
                .body("detail", containsString("query parameter 'host' holds a NUL"));
        as(reader).urlEncodingEnabled(false).get("/api/v1/hosts/a%00b").then().statusCode(400)
                .body("detail", containsString("path parameter 'id' holds a NUL"));
        as(reader).get("/api/v1/events?from=0000-01-01").then().statusCode(400)
                .body("detail", containsString("1970 to 9999"));
    }

    @Test
    void givenUnknownParameterOnVerifyCheckpointOrProcessors_then400() {
        String reader = createKey("reader");
        as(reader).get("/api/v1/events/verify?checkpoint_position=1").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("Unknown query parameter 'checkpoint_position'"))
                .body("detail", containsString("checkpointHash"));
        as(reader).get("/api/v1/events/checkpoint?x=1").then().statusCode(400);
        asAdmin().get("/api/v1/admin/processors?verbose=true").then().statusCode(400);
        as(reader).get("/api/v1/events/verify?checkpointPosition=1&checkpointPosition=2").then().statusCode(400);
        as(reader).get("/api/v1/events/verify").then().statusCode(200).body("verified", equalTo(true));
    }

    @Test
    void givenUriOverEightKiB_then414Problem() {
        as(createKey("reader")).get("/api/v1/events?host=" + "h".repeat(9_000)).then().statusCode(414)
                .contentType("application/problem+json").body("detail", containsString("at most 8192"));
    }

    @Test
    void givenDuplicateKeyOrControlCharacterInAChangeRequestStep_then400AndTheRequestUnchanged() {
        String host = registerHost("strict-step", "lab", "pve-lab");
        String submitter = createKey("submitter", host);
        String approver = createKey("approver", host);
        String id = ChangeRequests.submit(submitter, ChangeRequests.body(host, "101",
                Instant.parse("2026-11-20T20:00:00Z"), Instant.parse("2026-11-20T21:00:00Z")));
        as(approver).contentType(ContentType.JSON).body("{\"comment\": \"dup\", \"comment\": \"ok\"}")
                .post("/api/v1/change-requests/" + id + "/approve").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Duplicate field 'comment'"));
        as(submitter).contentType(ContentType.JSON).body("{\"note\": \"a\", \"outcome\": \"succeeded\", \"note\": \"b\"}")
                .post("/api/v1/change-requests/" + id + "/complete").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Duplicate field 'note'"));
        as(submitter).contentType(ContentType.JSON).body("{\"comment\": \"a\\u0000b\"}")
                .post("/api/v1/change-requests/" + id + "/cancel").then().statusCode(400)
                .body("detail", containsString("Field 'comment' holds a NUL character"));
        as(submitter).get("/api/v1/change-requests/" + id).then().statusCode(200).body("status", equalTo("submitted"))
                .body("history.size()", equalTo(1));
    }

    @Test
    void givenJsonBodyThatIsNotUtf8_then400NamingTheByteAndNothingStored() {
        String host = registerHost("strict-utf8", "lab", "pve-lab");
        String submitter = createKey("submitter", host);
        byte[] overlong = concat("{\"kind\": \"note\", \"summary\": \"x\", \"details\": \"ab", new byte[] {(byte) 0xC0,
            (byte) 0xAF}, "cd\", \"occurredAt\": \"2026-11-02T10:00:00Z\"}");
        as(submitter).contentType(ContentType.JSON).body(overlong).post("/api/v1/hosts/" + host + "/entries")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("not well-formed UTF-8 at byte 47"));
        String id = ChangeRequests.submit(submitter, ChangeRequests.body(host, "101",
                Instant.parse("2026-11-20T20:00:00Z"), Instant.parse("2026-11-20T21:00:00Z")));
        as(submitter).contentType(ContentType.JSON).body(concat("{\"comment\": \"", new byte[] {(byte) 0xFF}, "\"}"))
                .post("/api/v1/change-requests/" + id + "/cancel").then().statusCode(400)
                .body("detail", containsString("not well-formed UTF-8 at byte 13"));
        as(submitter).get("/api/v1/change-requests/" + id).then().statusCode(200).body("status", equalTo("submitted"));
        expectOnlyAValidEntryStored(submitter, host);
    }

    @Test
    void givenBudgetAsABlankStringOrInstantAsANumber_then400NotNullOrEpochSeconds() {
        String host = registerHost("strict-types", "lab", "pve-lab");
        for (String budget : new String[] {"\"\"", "\"\\u0000\"", "\" \"", "\"5\""}) {
            asAdmin().contentType(ContentType.JSON).body("{\"requireChangeRequests\": false, \"monthlyChangeBudget\": "
                    + budget + ", \"monthlyDisruptionMinutes\": 60}").put("/api/v1/hosts/" + host + "/policy")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("monthlyChangeBudget"));
        }
        String submitter = createKey("submitter", host);
        for (String when : new String[] {"1e3", "-0", "1.5", "1794276043"}) {
            as(submitter).contentType(ContentType.JSON)
                    .body("{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": " + when + "}")
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(400)
                    .body("detail", containsString("Field 'occurredAt'"));
        }
        // nor as text: the JSR-310 reader would take "0" as 1970-01-01T00:00:00Z
        for (String when : new String[] {"0", " 1794276043 ", "-5", "1.5", "+7", ".5"}) {
            as(submitter).contentType(ContentType.JSON)
                    .body("{\"kind\": \"note\", \"summary\": \"x\", \"occurredAt\": \"" + when + "\"}")
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("Field 'occurredAt' is '" + when.trim() + "', a number"));
        }
        expectOnlyAValidEntryStored(submitter, host);
    }

    /**
     * Records a valid entry and waits until the host's entry list shows it alone: the list follows the store in
     * order, so once the valid entry shows, a refused one stored before it would have too.
     */
    private static void expectOnlyAValidEntryStored(String submitter, String host) {
        as(submitter).contentType(ContentType.JSON)
                .body("{\"kind\": \"note\", \"summary\": \"valid\", \"occurredAt\": \"2026-11-02T11:00:00Z\"}")
                .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(submitter).get("/api/v1/hosts/" + host
                + "/entries").then().statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].summary", equalTo("valid")));
    }

    private static byte[] concat(String before, byte[] bad, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = java.util.Arrays.copyOf(head, head.length + bad.length + tail.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
        return all;
    }
}
