package changeledger.query;

import static changeledger.support.Api.as;
import static changeledger.support.Api.asAdmin;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.projection.ChangeStatsProjection;
import changeledger.support.TaskLines;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Buckets follow {@code changeledger.time-zone}: local midnights, a 25-hour day when daylight saving ends. First
 * the generation readers see counts its days in UTC, as after a change of the configured zone: stats are counted
 * from per-event rows; after a replay the rollup counts in this zone. Both answer alike.
 */
@QuarkusTest
@TestProfile(ChangeStatsTimeZoneTest.NewYork.class)
class ChangeStatsTimeZoneTest {

    /** A profile whose service time zone is New York (daylight saving ended on 1 November 2026). */
    public static class NewYork implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("changeledger.time-zone", "America/New_York");
        }
    }

    /** Marks the active generation as counting in UTC, unless it has begun already (then in its own zone). */
    private static final String GENERATION_IN_UTC = """
            insert into change_stats_generation (generation, time_zone)
            select generation, 'UTC' from processor_token where name = ?
            on conflict (generation) do nothing
            """;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenNewYorkTime_whenCountedByDay_thenLocalDaysBeforeAndAfterAReplay() throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement utc = connection.prepareStatement(GENERATION_IN_UTC)) {
            utc.setString(1, ChangeStatsProjection.NAME);
            utc.executeUpdate();
        }
        String host = registerHost("stats-tz", "lab", "pve-lab");
        String reader = createKey("reader");
        // 23:30 on 1 November in New York, then 22:00 on 2 November and 01:00 on 3 November
        as(createKey("ingester", host)).contentType("text/plain").body(TaskLines.body(
                        task("qmconfig", Instant.parse("2026-11-02T04:30:00Z")),
                        task("qmstop", Instant.parse("2026-11-03T03:00:00Z")),
                        task("qmstart", Instant.parse("2026-11-03T06:00:00Z"))))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertNewYorkDays(reader, host));

        asAdmin().post("/api/v1/admin/processors/" + ChangeStatsProjection.NAME + "/replay").then().statusCode(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> !asAdmin().get("/api/v1/admin/processors").jsonPath()
                .getBoolean("items.find { it.name == '" + ChangeStatsProjection.NAME + "' }.replaying"));
        assertNewYorkDays(reader, host);
    }

    private static void assertNewYorkDays(String reader, String host) {
        JsonPath stats = as(reader).queryParam("from", "2026-11-01").queryParam("to", "2026-11-04")
                .get("/api/v1/hosts/" + host + "/stats").then().statusCode(200)
                .body("timeZone", equalTo("America/New_York"))
                .body("from", equalTo("2026-11-01T04:00:00Z")).extract().jsonPath();
        assertThat(stats.getList("buckets.start", String.class)).containsExactly(
                "2026-11-01T04:00:00Z", "2026-11-02T05:00:00Z", "2026-11-03T05:00:00Z");
        assertThat(stats.getList("buckets.counts.change", Long.class)).containsExactly(1L, 0L, 0L);
        assertThat(stats.getList("buckets.counts.disruptive", Long.class)).containsExactly(0L, 1L, 0L);
        assertThat(stats.getList("buckets.counts.start", Long.class)).containsExactly(0L, 0L, 1L);
        assertThat(List.of(stats.getString("buckets[0].end"))).containsExactly("2026-11-02T05:00:00Z");
    }

    private static String task(String type, Instant start) {
        return TaskLines.index(upid().node("pve-lab").type(type).id("101").startTime(start).text(),
                start.plusSeconds(10), "OK");
    }
}
