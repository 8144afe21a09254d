package changeledger.api;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.TaskLines;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database drops connections of the service: answers are 200 or 503 with Retry-After, never 500, and an upload
 * whose events committed is answered with them even when the connection is lost right after.
 */
@QuarkusTest
class DatabaseFaultTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void givenEveryConnectionTerminated_whenReadingFortyTimes_thenNo500AndAnyFaultIs503WithRetryAfter()
            throws Exception {
        String host = registerHost("fault", "lab", "pve-lab");
        String reader = createKey("reader");
        String ingester = createKey("ingester", host);
        warmPool(reader);

        terminateOtherConnections();
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(as(reader).get("/api/v1/hosts"));
            answers.add(as(reader).get("/api/v1/events?limit=5"));
        }
        terminateOtherConnections();
        Instant start = Instant.parse("2026-11-06T08:00:00Z");
        Response upload = as(ingester).contentType("text/plain")
                .body(TaskLines.index(upid().startTime(start).id("100").text(), start.plusSeconds(5), "OK") + "\n")
                .post("/api/v1/hosts/" + host + "/ingest/task-index");

        assertThat(answers).extracting(Response::statusCode).doesNotContain(500).allMatch(s -> s == 200 || s == 503);
        assertThat(answers).filteredOn(a -> a.statusCode() == 503).allSatisfy(a -> {
            assertThat(a.header("Retry-After")).isEqualTo("5");
            assertThat(a.contentType()).startsWith("application/problem+json");
        });
        assertThat(answers.get(answers.size() - 1).statusCode()).isEqualTo(200);
        assertThat(upload.statusCode()).as(upload.asString()).isIn(200, 503);
        if (upload.statusCode() == 503) {
            assertThat(upload.asString()).contains("nothing of it was stored");
            assertThat(upload.header("Retry-After")).isEqualTo("5");
        }
    }

    @Test
    void givenTheConnectionLostAfterTheEventsCommitted_whenUploading_thenAnsweredWithWhatWasStored() throws Exception {
        String host = registerHost("fault-seen", "lab", "pve-lab");
        String ingester = createKey("ingester", host);
        Instant start = Instant.parse("2026-11-06T09:00:00Z");
        String upid = upid().startTime(start).id("101").text();
        // the sign of life, written after the events' transaction committed, ends its own session
        execute("create function drill_end_session() returns trigger language plpgsql as $$ begin "
                + "if new.host_id = '" + host + "' then perform pg_terminate_backend(pg_backend_pid()); end if; "
                + "return new; end $$");
        execute("create trigger drill_end_session before insert or update on evidence_source "
                + "for each row execute function drill_end_session()");
        Response upload;
        try {
            upload = as(ingester).contentType("text/plain")
                    .body(TaskLines.index(upid, start.plusSeconds(5), "OK") + "\n")
                    .post("/api/v1/hosts/" + host + "/ingest/task-index");
        } finally {
            cleanUp("drop trigger if exists drill_end_session on evidence_source");
            cleanUp("drop function if exists drill_end_session()");
        }

        assertThat(upload.statusCode()).as(upload.asString()).isEqualTo(200);
        assertThat(upload.jsonPath().getInt("accepted")).isEqualTo(1);
        assertThat(storedEvents(host + "/" + upid)).isEqualTo(2);
    }

    /** Leaves no dead connection to the tests that run after this one in the same service. */
    @AfterEach
    void flushPool() {
        dataSource.flush(AgroalDataSource.FlushMode.ALL);
    }

    /** Several reads at once, so the pool holds several connections to lose. */
    private static void warmPool(String reader) {
        List<CompletableFuture<Integer>> reads = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> as(reader).get("/api/v1/events?limit=50").statusCode()));
        }
        reads.forEach(read -> assertThat(read.join()).isEqualTo(200));
    }

    /**
     * Runs an idempotent clean-up statement on a live connection: the connection whose session the trigger ended may
     * come back to the pool only after the answer (a busy machine), so a flush before may miss it; flushed again, a
     * later try gets a new one (a statement that ran before its answer was lost runs again harmlessly).
     */
    private void cleanUp(String sql) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            dataSource.flush(AgroalDataSource.FlushMode.ALL);
            try {
                execute(sql);
                return;
            } catch (SQLException lost) {
                if (attempt == 3 || lost.getSQLState() == null || !lost.getSQLState().startsWith("08")) {
                    throw lost;
                }
            }
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long storedEvents(String aggregateId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select count(*) from domain_event where aggregate_type = 'ProxmoxTask' and aggregate_id = ?")) {
            statement.setString(1, aggregateId);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void terminateOtherConnections() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = current_database() and pid <> pg_backend_pid()");
        }
    }
}
