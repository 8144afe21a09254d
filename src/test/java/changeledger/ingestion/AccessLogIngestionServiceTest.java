package changeledger.ingestion;

import static changeledger.support.TaskLines.access;
import static changeledger.support.TaskLines.body;
import static changeledger.support.TestEvents.metadata;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.StoredEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccessLogIngestionServiceTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-03T14:05:09+01:00");
    private static final String PUT = access("::ffff:10.1.2.3", "root@pam", TIME, "PUT",
            "/api2/json/nodes/pve-lab/qemu/101/config", 200);
    private static final String GET = access("::ffff:10.1.2.3", "root@pam", TIME, "GET",
            "/api2/json/nodes/pve-lab/qemu/101/config", 200);
    private static final String TICKET = access("::ffff:10.1.2.3", "-", TIME, "POST", "/api2/json/access/ticket", 200);
    private static final String FAILED = access("::ffff:10.1.2.3", "root@pam", TIME, "DELETE",
            "/api2/json/nodes/pve-lab/qemu/101", 500);

    @Inject
    AccessLogIngestionService service;

    @Inject
    EventStore store;

    private final String host = "lab-" + UUID.randomUUID().toString().substring(0, 8);

    private List<StoredEvent> stream(String line, int occurrence) {
        return store.readStream(new AggregateRef("ApiAccess", host + "/" + EventIds.accessLog(host, line, occurrence)));
    }

    @Test
    void givenMixedLines_whenIngested_thenChangesAcceptedReadsIgnoredJunkRejected() {
        IngestionResult result = service.ingestAccessLog(host, null, body(GET, PUT, TICKET, FAILED, "junk"), metadata("r"));

        assertThat(result.accepted()).isEqualTo(1);
        assertThat(result.ignored()).isEqualTo(3);
        assertThat(result.rejected()).singleElement().satisfies(r -> assertThat(r.lineNumber()).isEqualTo(5));
        assertThat(stream(PUT, 1)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("ApiChangeObserved");
            assertThat(e.payload().get("guestId").asText()).isEqualTo("101");
            assertThat(e.metadata().get("source").asText()).isEqualTo("test");
            assertThat(IngestionEventCodec.apiChangeFromStored(e)).isEqualTo(new ApiChangeObserved(host, "PUT",
                    "/api2/json/nodes/pve-lab/qemu/101/config", "json", "qemu", "101", "pve-lab", "root@pam",
                    "10.1.2.3", 200, TIME, PUT));
        });
    }

    @Test
    void givenIdenticalLinesTwice_whenIngestedAgainAndAgain_thenTwoEventsOnlyFromTheFirstTime() {
        IngestionResult first = service.ingestAccessLog(host, null, body(PUT, PUT), metadata("r1"));
        IngestionResult second = service.ingestAccessLog(host, null, body(PUT, GET, PUT), metadata("r2"));
        IngestionResult third = service.ingestAccessLog(host, null, body(PUT, PUT), metadata("r3"));

        assertThat(first).isEqualTo(new IngestionResult(2, 0, 0, List.of()));
        assertThat(second).isEqualTo(new IngestionResult(0, 2, 1, List.of()));
        assertThat(third).isEqualTo(new IngestionResult(0, 2, 0, List.of()));
        assertThat(stream(PUT, 1)).hasSize(1);
        assertThat(stream(PUT, 2)).hasSize(1);
        assertThat(stream(PUT, 3)).isEmpty();
    }

    @Test
    void givenOnlyJunk_whenIngested_thenUnprocessable() {
        assertThatThrownBy(() -> service.ingestAccessLog(host, null, body("junk", "more"), metadata("r")))
                .isInstanceOf(UnprocessableUploadException.class);
    }

    @Test
    void givenOnlyReads_whenIngested_thenIgnoredNotUnprocessable() {
        assertThat(service.ingestAccessLog(host, null, body(GET, TICKET), metadata("r")))
                .isEqualTo(new IngestionResult(0, 0, 2, List.of()));
    }
}
