package changeledger.upgrade;

import static changeledger.support.Api.asAdmin;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventRepository;
import changeledger.ingestion.AccessLogParser;
import changeledger.ingestion.ApiAccessEvent;
import changeledger.ingestion.ApiCall;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.EventIds;
import changeledger.ingestion.IngestionEventCodec;
import changeledger.ingestion.IngestionPlan;
import changeledger.ingestion.LineOutcome;
import changeledger.ingestion.TaskFileParser;
import changeledger.ingestion.TaskUploadDecider;
import changeledger.support.TaskLines;
import changeledger.support.TestEvents;
import changeledger.support.TestPostgres;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database that the migrations V1-V11 created, as the service left it before the rules of ADR 0033 (events of a
 * host, including an access-log call the old rule counted, and read models claimed caught up), migrated to the latest
 * schema when the service starts: the events survive unchanged, the seal chain covers them, and the read models are
 * rebuilt from them by the replay that V12 requests, and again by a replay on demand.
 */
@QuarkusTest
@TestProfile(UpgradeFromV11Test.FromV11.class)
class UpgradeFromV11Test {

    static final String HOST = "legacy";
    private static final String NODE = "pve-old";
    private static final Instant T = Instant.parse("2026-09-14T08:00:00Z");
    private static final int SEEDED_EVENTS = 11;

    /** A profile whose database was created by the migrations up to V11 and then filled, before the service starts. */
    public static class FromV11 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            TestPostgres.Database database = TestPostgres.freshDatabase();
            try {
                seed(database);
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot prepare the V11 database", e);
            }
            return Map.of("quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.username", database.user(),
                    "quarkus.datasource.password", database.password());
        }
    }

    @Test
    void givenAV11Database_whenTheServiceStarts_thenEventsSurviveAndTheReadModelsAreRebuiltByTheNewRules() {
        asAdmin().contentType(ContentType.JSON)
                .body(Map.of("id", HOST, "name", "Host from before", "role", "lab", "node", NODE))
                .post("/api/v1/hosts").then().statusCode(201);

        List<String> types = asAdmin().get("/api/v1/events?host=" + HOST + "&limit=100").then().statusCode(200)
                .extract().jsonPath().getList("items.type");
        assertThat(types.stream().filter(t -> !t.startsWith("Host"))).hasSize(SEEDED_EVENTS);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(stats()).isEqualTo(expected()));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(asAdmin()
                .get("/api/v1/events/verify").then().statusCode(200).extract().jsonPath().getBoolean("verified"))
                .isTrue());
        assertThat(asAdmin().get("/api/v1/hosts/" + HOST + "/disruptions?from=2026-09-01&to=2026-10-01").then()
                .statusCode(200).extract().jsonPath().getList("items.durationMinutes", Float.class))
                .containsExactly(10.3f);

        for (String processor : List.of("change-stats", "event-index", "disruption-windows")) {
            asAdmin().post("/api/v1/admin/processors/" + processor + "/replay").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Boolean> replaying = asAdmin().get("/api/v1/admin/processors").then().statusCode(200).extract()
                    .jsonPath().getList("items.replaying");
            assertThat(replaying).doesNotContain(true);
            assertThat(stats()).isEqualTo(expected());
        });
    }

    /** Two changes (a config task, a config PUT), a stop, a start whose call is its trace, an apt update; no ping. */
    private static Map<String, Integer> expected() {
        return Map.of("change", 2, "disruptive", 1, "start", 1, "routine", 1, "access", 0, "unknown", 0, "manual", 0,
                "incident", 0);
    }

    private static Map<String, Integer> stats() {
        return asAdmin().get("/api/v1/hosts/" + HOST + "/stats?from=2026-09-14&to=2026-09-15&bucket=day").then()
                .statusCode(200).extract().jsonPath().getMap("buckets[0].counts");
    }

    /** Migrates to V11 and writes what a V11 service would have: task and call events, processors past them. */
    static void seed(TestPostgres.Database database) throws SQLException {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(database.jdbcUrl());
        dataSource.setUser(database.user());
        dataSource.setPassword(database.password());
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").target("11").load().migrate();

        List<String> index = List.of(task("qmconfig", "101", T), task("qmstop", "101", T.plusSeconds(3600)),
                task("qmstart", "101", T.plusSeconds(4200)), task("aptupdate", "", T.plusSeconds(7200)));
        List<String> calls = List.of(call("PUT", "qemu/101/config", T.plusSeconds(3 * 3600)),
                call("POST", "qemu/101/status/start", T.plusSeconds(4202)));
        List<AppendRequest> appends = new ArrayList<>();
        List<LineOutcome<changeledger.ingestion.TaskFact>> tasks = TaskFileParser.parse(index);
        appends.addAll(TaskUploadDecider.decide(HOST, NODE, tasks, Map.of()).appends());
        IngestionPlan access = changeledger.ingestion.AccessLogUploadDecider.decide(HOST, NODE,
                AccessLogParser.parse(calls));
        appends.addAll(access.appends());
        appends.add(oldStylePing());

        EventRepository repository = new EventRepository(new ObjectMapper().registerModule(new JavaTimeModule()));
        try (Connection connection = dataSource.getConnection()) {
            repository.append(connection, appends, TestEvents.metadata("v11"));
            long[] last = last(connection);
            for (String processor : List.of("change-stats", "event-index")) {
                try (PreparedStatement claim = connection.prepareStatement(
                        "insert into processor_token (name, tx_id, position) values (?, ?, ?)")) {
                    claim.setString(1, processor);
                    claim.setLong(2, last[0]);
                    claim.setLong(3, last[1]);
                    claim.executeUpdate();
                }
            }
        }
    }

    /** An agent ping, which the V11 service stored as a change and ADR 0033 says is none. */
    private static AppendRequest oldStylePing() {
        String line = call("POST", "qemu/101/agent/ping", T.plusSeconds(4 * 3600));
        ApiCall ping = new ApiCall("192.0.2.10", "root@pam", T.plusSeconds(4 * 3600).atOffset(ZoneOffset.UTC), "POST",
                "/api2/json/nodes/" + NODE + "/qemu/101/agent/ping", "json", 200, "qemu", "101", NODE);
        var id = EventIds.accessLog(HOST, line, 1);
        return new AppendRequest(new AggregateRef(ApiAccessEvent.AGGREGATE_TYPE, HOST + "/" + id),
                AppendRequest.NEW_STREAM, List.of(IngestionEventCodec.toNewEvent(ApiChangeObserved.of(HOST, ping, line),
                id)));
    }

    private static long[] last(Connection connection) throws SQLException {
        try (PreparedStatement read = connection.prepareStatement(
                "select tx_id::text::bigint, position from domain_event order by position desc limit 1");
             ResultSet rs = read.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static String task(String type, String guest, Instant start) {
        return TaskLines.index(upid().node(NODE).type(type).id(guest).user("root@pam").startTime(start).text(),
                start.plusSeconds(20), "OK");
    }

    private static String call(String method, String path, Instant time) {
        OffsetDateTime at = time.atOffset(ZoneOffset.ofHours(2));
        return TaskLines.access("::ffff:192.0.2.10", "root@pam", at, method, "/api2/json/nodes/" + NODE + "/" + path,
                200);
    }
}
