package changeledger.ingestion;

import static changeledger.support.TaskLines.activeRunning;
import static changeledger.support.TaskLines.index;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.AppendResult;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TaskUploadDeciderTest {

    private static final String HOST = "lab";
    private static final String NODE = "pve-lab";
    private static final String UPID = upid().type("qmshutdown").id("104").text();
    private static final Instant END = Instant.parse("2026-11-01T10:01:00Z");

    private static IngestionPlan decide(Map<AggregateRef, List<StoredEvent>> stored, String... lines) {
        return TaskUploadDecider.decide(HOST, NODE, TaskFileParser.parse(List.of(lines)),
                stored);
    }

    /** What the store would hold after appending a plan: its events as stored events. */
    private static Map<AggregateRef, List<StoredEvent>> store(IngestionPlan plan) {
        Map<AggregateRef, List<StoredEvent>> streams = new HashMap<>();
        for (AppendRequest request : plan.appends()) {
            long sequence = request.expectedSequence();
            for (NewEvent event : request.events()) {
                streams.computeIfAbsent(request.aggregate(), a -> new ArrayList<>()).add(new StoredEvent(0,
                        event.id(), request.aggregate(), ++sequence, event.type(), event.revision(), event.payload(),
                        null, event.occurredAt(), event.occurredAt(), 0));
            }
        }
        return streams;
    }

    private static IngestionResult tallyAllNew(IngestionPlan plan) {
        List<AppendResult.Appended> appended = new ArrayList<>();
        plan.appends().forEach(r -> r.events().forEach(e -> appended.add(new AppendResult.Appended(e.id(),
                r.aggregate(), 0, 0))));
        return IngestionResult.tally(plan, new AppendResult(appended, List.of()));
    }

    @Nested
    class OneUpload {

        @Test
        void givenFinishedLine_whenDeciding_thenOneNewStreamWithStartAndFinish() {
            IngestionPlan plan = decide(Map.of(), index(UPID, END, "OK"));

            assertThat(plan.appends()).singleElement().satisfies(r -> {
                assertThat(r.aggregate()).isEqualTo(new AggregateRef("ProxmoxTask", "lab/" + UPID));
                assertThat(r.expectedSequence()).isEqualTo(AppendRequest.NEW_STREAM);
                assertThat(r.events()).extracting(NewEvent::type)
                        .containsExactly("ProxmoxTaskStarted", "ProxmoxTaskFinished");
            });
            assertThat(tallyAllNew(plan)).isEqualTo(new IngestionResult(1, 0, 0, List.of()));
        }

        @Test
        void givenRunningThenFinishedLinesOfOneTask_whenDeciding_thenOneStreamAndBothLinesAccepted() {
            IngestionPlan plan = decide(Map.of(), activeRunning(UPID), index(UPID, END, "OK"));

            assertThat(plan.appends()).singleElement().extracting(r -> r.events().size()).isEqualTo(2);
            assertThat(tallyAllNew(plan).accepted()).isEqualTo(2);
        }

        @Test
        void givenFinishedThenRunningThenSameFinish_whenDeciding_thenLaterLinesAreDuplicates() {
            IngestionPlan plan = decide(Map.of(), index(UPID, END, "OK"), activeRunning(UPID), index(UPID, END, "OK"));

            assertThat(plan.lines()).extracting(PlannedLine::kind).containsExactly(PlannedLine.Kind.NEW_EVENTS,
                    PlannedLine.Kind.DUPLICATE, PlannedLine.Kind.DUPLICATE);
            assertThat(tallyAllNew(plan)).isEqualTo(new IngestionResult(1, 2, 0, List.of()));
        }

        @Test
        void givenTwoDifferentFinishesInOneUpload_whenDeciding_thenTheSecondIsRejectedAsConflict() {
            IngestionPlan plan = decide(Map.of(), index(UPID, END, "OK"), index(UPID, END, "job errors"));

            IngestionResult result = tallyAllNew(plan);
            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.rejected()).singleElement().satisfies(r -> {
                assertThat(r.lineNumber()).isEqualTo(2);
                assertThat(r.reason()).contains("conflicting finish");
            });
            assertThat(plan.appends().get(0).events()).hasSize(2);
        }

        @Test
        void givenLineOfAnotherNodeAndABadLine_whenDeciding_thenBothRejectedAndTheRestAccepted() {
            IngestionPlan plan = decide(Map.of(), index(upid().node("pve-infra").text(), END, "OK"), "junk",
                    index(UPID, END, "OK"));

            IngestionResult result = tallyAllNew(plan);
            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.rejected()).extracting(IngestionResult.RejectedLine::lineNumber).containsExactly(1, 2);
            assertThat(result.unprocessable()).isFalse();
        }

        @Test
        void givenOnlyBadLines_whenTallied_thenUnprocessable() {
            assertThat(tallyAllNew(decide(Map.of(), "junk", "more junk")).unprocessable()).isTrue();
            assertThat(tallyAllNew(decide(Map.of())).unprocessable()).isFalse();
        }
    }

    @Nested
    class AgainstStoredStreams {

        @Test
        void givenStoredRunningTask_whenFinishArrives_thenAppendsFinishAtSequenceOne() {
            Map<AggregateRef, List<StoredEvent>> stored = store(decide(Map.of(), activeRunning(UPID)));

            IngestionPlan plan = decide(stored, index(UPID, END, "OK"));

            assertThat(plan.appends()).singleElement().satisfies(r -> {
                assertThat(r.expectedSequence()).isZero();
                assertThat(r.events()).extracting(NewEvent::type).containsExactly("ProxmoxTaskFinished");
            });
        }

        @Test
        void givenStoredFinishedTask_whenSameLinesArriveAgainInAnyForm_thenNothingToAppend() {
            Map<AggregateRef, List<StoredEvent>> stored = store(decide(Map.of(), index(UPID, END, "OK")));

            IngestionPlan plan = decide(stored, activeRunning(UPID), index(UPID, END, "OK"),
                    UPID + " 1 " + String.format("%08X", END.getEpochSecond()) + " OK");

            assertThat(plan.appends()).isEmpty();
            assertThat(tallyAllNew(plan)).isEqualTo(new IngestionResult(0, 3, 0, List.of()));
        }

        @Test
        void givenStoredFinishedTask_whenAnotherFinishArrives_thenRejectedAndNothingAppended() {
            Map<AggregateRef, List<StoredEvent>> stored = store(decide(Map.of(), index(UPID, END, "OK")));

            IngestionPlan plan = decide(stored, index(UPID, END.plusSeconds(5), "OK"));

            assertThat(plan.appends()).isEmpty();
            assertThat(tallyAllNew(plan).rejected()).singleElement()
                    .satisfies(r -> assertThat(r.reason()).contains(END.toString()));
        }

        @Test
        void givenAConcurrentUploadStoredTheEventsFirst_whenTallied_thenTheLineIsADuplicate() {
            IngestionPlan plan = decide(Map.of(), index(UPID, END, "OK"));
            List<UUID> ids = plan.lines().get(0).eventIds();

            IngestionResult result = IngestionResult.tally(plan, new AppendResult(List.of(), ids));

            assertThat(result).isEqualTo(new IngestionResult(0, 1, 0, List.of()));
        }

        @Test
        void givenMetadataWithoutSource_whenDefaulted_thenSourceIsSet() {
            EventMetadata metadata = new EventMetadata("k", "collector", null, null, null, "r", "::1");

            assertThat(IngestionSources.orDefault(metadata, "task-index").source()).isEqualTo("task-index");
            assertThat(IngestionSources.orDefault(null, "task-api").source()).isEqualTo("task-api");
        }
    }
}
