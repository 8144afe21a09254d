package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.support.ProxmoxFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The runs and lags one reading of a node's replication status shows (ADR 0066), on the recorded status of
 * {@code proxmox/replication/} (its README works the numbers out by hand).
 */
class ReplicationStatusTest {

    private static final Instant READ_AT = Instant.parse("2026-12-01T08:30:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);

    private static Map<String, ReplicationIngestionService.JobStatus> jobs() throws Exception {
        JsonNode data = new ObjectMapper().readTree(ProxmoxFixtures.text("replication/nodes-pve-a-replication.json"))
                .path("data");
        Map<String, ReplicationIngestionService.JobStatus> jobs = new LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        data.forEach(item -> {
            ReplicationIngestionService.JobStatus job = ReplicationIngestionService.parse(item, skipped);
            jobs.put(job.jobId(), job);
        });
        assertThat(skipped).isEmpty();
        return jobs;
    }

    @Test
    void givenTheRecordedStatus_thenARunPerJobThatEnded_noneWhileRunningOrNeverRun() throws Exception {
        Map<String, ReplicationRunObserved> runs = new LinkedHashMap<>();
        jobs().forEach((id, job) -> {
            ReplicationRunObserved run = ReplicationIngestionService.run("h", "pve-a", job);
            if (run != null) {
                runs.put(id, run);
            }
        });

        assertThat(runs).containsOnlyKeys("100-0", "101-0", "102-0");
        ReplicationRunObserved ok = runs.get("100-0");
        assertThat(ok.guestId()).isEqualTo("100");
        assertThat(ok.target()).isEqualTo("pve-b");
        assertThat(ok.lastTry()).isEqualTo(Instant.parse("2026-12-01T08:15:00Z"));
        assertThat(ok.lastSync()).isEqualTo(ok.lastTry());
        assertThat(ok.durationSeconds()).isEqualTo(3.418);
        assertThat(ok.failed()).isFalse();
        assertThat(ok.error()).isNull();
        ReplicationRunObserved failed = runs.get("101-0");
        assertThat(failed.failed()).isTrue();
        assertThat(failed.failCount()).isEqualTo(2);
        assertThat(failed.error()).isEqualTo("prepare remote node failed - no result");
        assertThat(failed.lastSync()).isEqualTo(Instant.parse("2026-12-01T07:00:00Z"));
        assertThat(ReplicationRunObserved.key(failed.jobId(), failed.lastTry())).isEqualTo("101-0@1796113500");
        assertThat(ReplicationRunObserved.status(failed.failed(), failed.error()))
                .isEqualTo("prepare remote node failed - no result");
        assertThat(EventIds.replicationRun("h", "101-0", failed.lastTry()))
                .as("the same run read again is the same event")
                .isEqualTo(EventIds.replicationRun("h", "101-0", Instant.ofEpochSecond(1796113500)))
                .isNotEqualTo(EventIds.replicationRun("h", "101-0", Instant.ofEpochSecond(1796113501)))
                .isNotEqualTo(EventIds.replicationRun("other", "101-0", failed.lastTry()));
    }

    @Test
    void givenTheRecordedStatus_thenTheFailingAndTheOverdueJobLag_andNotTheHealthyRunningOrDisabledOnes()
            throws Exception {
        Map<String, ReplicationLagObserved> lags = new LinkedHashMap<>();
        jobs().forEach((id, job) -> {
            ReplicationLagObserved lag = ReplicationIngestionService.lag("h", job, READ_AT, GRACE);
            if (lag != null) {
                lags.put(id, lag);
            }
        });

        assertThat(lags).containsOnlyKeys("101-0", "102-0");
        ReplicationLagObserved failing = lags.get("101-0");
        assertThat(failing.overdue()).as("its retry at 08:35 is still ahead").isFalse();
        assertThat(failing.failCount()).isEqualTo(2);
        assertThat(Duration.between(failing.lastSync(), READ_AT).toMinutes()).isEqualTo(90);
        ReplicationLagObserved overdue = lags.get("102-0");
        assertThat(overdue.overdue()).as("next sync 07:30, 60 min before the reading").isTrue();
        assertThat(overdue.failCount()).isZero();
        assertThat(overdue.nextSync()).isEqualTo(Instant.parse("2026-12-01T07:30:00Z"));
        assertThat(Duration.between(overdue.lastSync(), READ_AT).toMinutes()).isEqualTo(75);

        ReplicationIngestionService.JobStatus healthy = jobs().get("100-0");
        assertThat(ReplicationIngestionService.lag("h", healthy, READ_AT.plus(GRACE), GRACE))
                .as("next sync 08:30 passed by exactly the grace: not yet lagging").isNull();
        assertThat(ReplicationIngestionService.lag("h", healthy, READ_AT.plus(GRACE).plusSeconds(1), GRACE))
                .as("one second more").isNotNull();
        assertThat(EventIds.replicationLag(overdue)).as("the same state read again is the same reading")
                .isEqualTo(EventIds.replicationLag(ReplicationIngestionService.lag("h", jobs().get("102-0"),
                        READ_AT.plusSeconds(600), GRACE)));
    }

    @Test
    void givenItemsWithoutAJobIdOrTarget_thenSkippedWithWhy() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<String> skipped = new ArrayList<>();
        assertThat(ReplicationIngestionService.parse(json.readTree("{\"id\":\"x\",\"guest\":100,\"target\":\"b\"}"),
                skipped)).isNull();
        assertThat(ReplicationIngestionService.parse(json.readTree("{\"id\":\"100-1\",\"guest\":100}"), skipped))
                .isNull();
        assertThat(ReplicationIngestionService.parse(json.readTree(
                "{\"id\":\"100-2\",\"guest\":\"100\",\"target\":\"b\",\"disable\":\"1\",\"last_try\":\"5\"}"),
                skipped)).satisfies(job -> {
                    assertThat(job.disabled()).isTrue();
                    assertThat(job.lastTry()).isEqualTo(5);
                    assertThat(job.duration()).isNull();
                });
        assertThat(skipped).hasSize(2);
        assertThat(skipped.get(0)).contains("job id");
        assertThat(skipped.get(1)).contains("100-1").contains("target");
    }
}
