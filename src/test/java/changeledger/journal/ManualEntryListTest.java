package changeledger.journal;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/hosts/{id}/entries}: the host's entries, filtered and paged, retracted ones marked. */
@QuarkusTest
class ManualEntryListTest {

    private static final Instant DAY = Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    private String host;
    private String submitter;
    private String reader;

    @BeforeEach
    void host() {
        host = registerHost("entries", "infrastructure", "pve-entries");
        submitter = createKey("submitter", host);
        reader = createKey("reader", host);
    }

    @Nested
    class Listing {

        @Test
        void givenEntriesOfTwoKindsAndARetraction_whenListed_thenAllInRecordingOrderWithTheRetraction() {
            String change = record("change", "apt full-upgrade", DAY);
            String note = record("note", "UPS battery replaced", DAY.plus(1, ChronoUnit.HOURS));
            as(submitter).contentType(ContentType.JSON).body(Map.of("reason", "recorded twice"))
                    .post(path() + "/" + note + "/retract").then().statusCode(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader).get(path())
                    .then().statusCode(200).body("items.size()", equalTo(2))
                    .body("items[0].id", equalTo(change)).body("items[0].retracted", equalTo(false))
                    .body("items[1].id", equalTo(note)).body("items[1].retracted", equalTo(true))
                    .body("items[1].retraction.reason", equalTo("recorded twice"))
                    .body("next", nullValue()));
        }

        @Test
        void givenKindAndTimeFilters_whenListed_thenOnlyMatchingEntries() {
            String early = record("change", "kernel update", DAY);
            record("incident", "DNS outage", DAY.plus(2, ChronoUnit.HOURS));
            String late = record("change", "firewall rule", DAY.plus(3, ChronoUnit.DAYS));
            awaitListed(3);

            as(reader).queryParam("kind", "change").get(path()).then().statusCode(200)
                    .body("items.id", equalTo(List.of(early, late)));
            as(reader).queryParam("kind", "change").queryParam("from", DAY.plus(1, ChronoUnit.DAYS).toString())
                    .get(path()).then().statusCode(200).body("items.id", equalTo(List.of(late)));
            as(reader).queryParam("to", DAY.plus(1, ChronoUnit.HOURS).toString()).get(path())
                    .then().statusCode(200).body("items.id", equalTo(List.of(early)));
        }

        @Test
        void givenFiveEntries_whenPagedByTwo_thenEveryEntryOnceWithNextAndLinkUntilTheLastPage() {
            List<String> recorded = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                recorded.add(record("note", "note " + i, DAY.plus(i, ChronoUnit.MINUTES)));
            }
            awaitListed(5);

            List<String> seen = new ArrayList<>();
            String after = null;
            int pages = 0;
            do {
                var request = as(reader).queryParam("limit", 2);
                if (after != null) {
                    request.queryParam("after", after);
                }
                Response page = request.get(path()).then().statusCode(200).extract().response();
                seen.addAll(page.path("items.id"));
                Object next = page.path("next");
                after = next == null ? null : next.toString();
                if (after != null) {
                    org.assertj.core.api.Assertions.assertThat(page.header("Link"))
                            .contains("after=" + after).contains("limit=2").endsWith("rel=\"next\"");
                } else {
                    org.assertj.core.api.Assertions.assertThat(page.header("Link")).isNull();
                }
                pages++;
            } while (after != null);

            org.assertj.core.api.Assertions.assertThat(seen).isEqualTo(recorded);
            org.assertj.core.api.Assertions.assertThat(pages).isEqualTo(3);
        }
    }

    @Nested
    class BadInput {

        @Test
        void givenUnknownParameterOrBadValues_whenListed_then400SayingWhatToSend() {
            as(reader).queryParam("kinds", "change").get(path()).then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString("'kinds'"))
                    .body("detail", containsString("[after, from, kind, limit, to]"));
            as(reader).queryParam("kind", "upgrade").get(path()).then().statusCode(400)
                    .body("detail", containsString("change, incident, maintenance, note"));
            as(reader).queryParam("limit", "0").get(path()).then().statusCode(400)
                    .body("detail", containsString("from 1 to 1000"));
            as(reader).queryParam("limit", "1001").get(path()).then().statusCode(400);
            as(reader).queryParam("after", "x").get(path()).then().statusCode(400);
            as(reader).queryParam("after", "999999999").get(path()).then().statusCode(400)
                    .body("detail", containsString("'next'"));
            as(reader).queryParam("from", "yesterday").get(path()).then().statusCode(400)
                    .body("detail", containsString("ISO-8601"));
        }

        @Test
        void givenKeysWithoutReadRightsOnTheHost_whenListed_then404Or403Or401() {
            as(createKey("reader", registerHost("other", "lab", "pve-other"))).get(path()).then().statusCode(404);
            as(createKey("ingester", host)).get(path()).then().statusCode(403);
            io.restassured.RestAssured.given().get(path()).then().statusCode(401);
        }
    }

    private String path() {
        return "/api/v1/hosts/" + host + "/entries";
    }

    private String record(String kind, String summary, Instant occurredAt) {
        return as(submitter).contentType(ContentType.JSON)
                .body(Map.of("kind", kind, "summary", summary, "occurredAt", occurredAt.toString()))
                .post(path()).then().statusCode(201).extract().path("id");
    }

    private void awaitListed(int count) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(reader).queryParam("limit", 1000).get(path())
                .then().statusCode(200).body("items.size()", equalTo(count)));
    }
}
