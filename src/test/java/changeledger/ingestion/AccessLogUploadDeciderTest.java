package changeledger.ingestion;

import static changeledger.support.TaskLines.access;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.NewEvent;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AccessLogUploadDeciderTest {

    private static final OffsetDateTime TIME = OffsetDateTime.parse("2026-11-03T14:05:09+01:00");
    private static final String PUT = access("::ffff:10.1.2.3", "root@pam", TIME, "PUT",
            "/api2/json/nodes/pve-lab/qemu/101/config", 200);
    private static final String GET = access("::ffff:10.1.2.3", "root@pam", TIME, "GET",
            "/api2/json/nodes/pve-lab/qemu/101/config", 200);

    private static IngestionPlan decide(String host, String... lines) {
        return AccessLogUploadDecider.decide(host, null, AccessLogParser.parse(List.of(lines)));
    }

    @Nested
    class Events {

        @Test
        void givenChangeLine_whenDeciding_thenOneApiChangeObservedInItsOwnStream() {
            IngestionPlan plan = decide("lab", PUT);

            AppendRequest request = plan.appends().get(0);
            NewEvent event = request.events().get(0);
            assertThat(request.aggregate().type()).isEqualTo("ApiAccess");
            assertThat(request.aggregate().id()).isEqualTo("lab/" + event.id());
            assertThat(event.type()).isEqualTo("ApiChangeObserved");
            assertThat(event.occurredAt()).isEqualTo(TIME.toInstant());
            assertThat(event.payload().get("time").asText()).isEqualTo("2026-11-03T14:05:09+01:00");
            assertThat(event.payload().get("clientAddress").asText()).isEqualTo("10.1.2.3");
            assertThat(event.payload().get("guestId").asText()).isEqualTo("101");
            assertThat(event.payload().get("line").asText()).isEqualTo(PUT);
            assertThat(event.payload().get("apiFormat").asText()).isEqualTo("json");
        }

        @Test
        void givenCallNamingAnotherNode_whenDeciding_thenIgnoredWithThatReason() {
            IngestionPlan plan = AccessLogUploadDecider.decide("infra", "pve-infra", AccessLogParser.parse(List.of(PUT)));

            assertThat(plan.appends()).isEmpty();
            assertThat(plan.lines()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo(PlannedLine.Kind.IGNORED);
                assertThat(line.reason()).contains("names node 'pve-lab'").contains("'pve-infra'");
            });
            assertThat(AccessLogUploadDecider.decide("lab", "PVE-LAB", AccessLogParser.parse(List.of(PUT))).appends())
                    .hasSize(1);
        }

        @Test
        void givenReadLine_whenDeciding_thenIgnoredAndNothingAppended() {
            IngestionPlan plan = decide("lab", GET);

            assertThat(plan.appends()).isEmpty();
            assertThat(plan.lines()).extracting(PlannedLine::kind).containsExactly(PlannedLine.Kind.IGNORED);
        }
    }

    @Nested
    class Ids {

        @Test
        void givenSameUploadTwice_whenDeciding_thenSameIds() {
            assertThat(decide("lab", PUT, GET, PUT).appends()).isEqualTo(decide("lab", PUT, GET, PUT).appends());
        }

        @Test
        void givenIdenticalLinesInOneUpload_whenDeciding_thenEachOccurrenceIsItsOwnEvent() {
            IngestionPlan plan = decide("lab", PUT, PUT);

            assertThat(plan.appends()).hasSize(2);
            assertThat(plan.appends().get(0).events().get(0).id())
                    .isEqualTo(EventIds.accessLog("lab", PUT, 1))
                    .isNotEqualTo(plan.appends().get(1).events().get(0).id());
        }

        @Test
        void givenSameLineOfAnotherHost_whenDeciding_thenAnotherId() {
            assertThat(decide("lab", PUT).appends().get(0).events().get(0).id())
                    .isNotEqualTo(decide("infra", PUT).appends().get(0).events().get(0).id());
        }

        @Test
        void givenLineWithCarriageReturn_whenDeciding_thenSameIdAsWithout() {
            assertThat(decide("lab", PUT + "\r").appends()).isEqualTo(decide("lab", PUT).appends());
        }
    }
}
