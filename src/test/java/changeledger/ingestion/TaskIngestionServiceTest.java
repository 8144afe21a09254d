package changeledger.ingestion;

import static changeledger.support.TaskLines.activeFinished;
import static changeledger.support.TaskLines.activeRunning;
import static changeledger.support.TaskLines.apiFinished;
import static changeledger.support.TaskLines.apiRunning;
import static changeledger.support.TaskLines.body;
import static changeledger.support.TaskLines.index;
import static changeledger.support.TestEvents.metadata;
import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.EventIdConflictException;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import changeledger.support.TaskLineGenerator;
import changeledger.support.TestEvents;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TaskIngestionServiceTest {

    private static final String NODE = "pve-lab";
    private static final UpidBuilder SHUTDOWN = upid().pid(0x11).type("qmshutdown").id("104");
    private static final UpidBuilder START = upid().pid(0x12).type("qmstart").id("104")
            .startTime(Instant.parse("2026-11-01T10:05:00Z"));
    private static final UpidBuilder NETWORK = upid().pid(0x13).type("srvreload").id("networking")
            .user("collector@pve!audit").pstart(0x1A2B3C4D5L);
    private static final Instant END = Instant.parse("2026-11-01T10:01:00Z");

    @Inject
    TaskIngestionService service;

    @Inject
    EventStore store;

    @Inject
    ObjectMapper mapper;

    private final String host = "lab-" + UUID.randomUUID().toString().substring(0, 8);

    private IngestionResult file(String... lines) {
        return service.ingestTaskFile(host, NODE, body(lines), metadata("r"));
    }

    private IngestionResult json(ObjectNode... items) {
        ArrayNode data = JsonNodeFactory.instance.arrayNode().addAll(List.of(items));
        ObjectNode envelope = JsonNodeFactory.instance.objectNode().put("total", items.length);
        envelope.set("data", data);
        return service.ingestTaskJson(host, NODE, envelope.toString().getBytes(StandardCharsets.UTF_8),
                metadata("r"));
    }

    private List<StoredEvent> stream(UpidBuilder upid) {
        return store.readStream(new AggregateRef("ProxmoxTask", host + "/" + upid.text()));
    }

    /** A payload as the store reads it back (numbers as their smallest node type). */
    private JsonNode asRead(NewEvent event) {
        try {
            return mapper.readTree(event.payload().toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every event of this host's tasks: id, type, sequence and payload. */
    private List<List<Object>> events(UpidBuilder... upids) {
        List<List<Object>> all = new ArrayList<>();
        for (UpidBuilder upid : upids) {
            stream(upid).forEach(e -> all.add(List.of(e.id(), e.type(), e.sequence(), e.payload())));
        }
        return all;
    }

    @Nested
    class Idempotency {

        @Test
        void givenIndexLines_whenIngestedAgainAsIndexApiJsonAndActive_thenOnlyTheFirstTimeAddsEvents() {
            IngestionResult first = file(index(SHUTDOWN.text(), END, "OK"), index(NETWORK.text(), END, "WARNINGS: 2"));
            List<List<Object>> afterFirst = events(SHUTDOWN, NETWORK);

            IngestionResult again = file(index(SHUTDOWN.text(), END, "OK"), index(NETWORK.text(), END, "WARNINGS: 2"));
            IngestionResult fromApi = json(apiFinished(SHUTDOWN, END, "OK"), apiFinished(NETWORK, END, "WARNINGS: 2"));
            IngestionResult fromActive = file(activeFinished(SHUTDOWN.text(), true, END, "OK"),
                    activeRunning(NETWORK.text()));

            assertThat(first).isEqualTo(new IngestionResult(2, 0, 0, List.of()));
            assertThat(List.of(again, fromApi, fromActive)).allSatisfy(r ->
                    assertThat(r).isEqualTo(new IngestionResult(0, 2, 0, List.of())));
            assertThat(afterFirst).hasSize(4);
            assertThat(events(SHUTDOWN, NETWORK)).isEqualTo(afterFirst);
        }

        @Test
        void givenApiJsonFirst_whenIndexLinesFollow_thenTheSameEventsAsIndexFirst() {
            json(apiRunning(SHUTDOWN), apiFinished(NETWORK, END, "WARNINGS: 2"));
            file(index(SHUTDOWN.text(), END, "OK"), index(NETWORK.text(), END, "WARNINGS: 2"));
            json(apiFinished(SHUTDOWN, END, "OK"));

            List<StoredEvent> shutdown = stream(SHUTDOWN);
            assertThat(shutdown).extracting(StoredEvent::id).containsExactly(
                    EventIds.task(host, SHUTDOWN.text(), "started"), EventIds.task(host, SHUTDOWN.text(), "finished"));
            assertThat(shutdown).extracting(StoredEvent::payload).containsExactly(
                    asRead(IngestionEventCodec.toNewEvent(ProxmoxTaskStarted.of(host, SHUTDOWN.build()))),
                    asRead(IngestionEventCodec.toNewEvent(ProxmoxTaskFinished.of(host, SHUTDOWN.build(),
                            new TaskFact.End(END, "OK")))));
            assertThat(stream(NETWORK)).hasSize(2);
        }

        @Test
        void givenApiPage_whenIngestedThreeTimes_thenTheSecondAndThirdAddNothing() {
            ObjectNode[] page = {apiRunning(START), apiFinished(SHUTDOWN, END, "OK"),
                apiFinished(NETWORK, END, "command 'ifreload -a' failed: exit code 1")};

            IngestionResult first = json(page);
            List<List<Object>> afterFirst = events(START, SHUTDOWN, NETWORK);
            IngestionResult second = json(page);
            IngestionResult third = json(page);

            assertThat(first).isEqualTo(new IngestionResult(3, 0, 0, List.of()));
            assertThat(List.of(second, third)).containsOnly(new IngestionResult(0, 3, 0, List.of()));
            assertThat(afterFirst).hasSize(5);
            assertThat(events(START, SHUTDOWN, NETWORK)).isEqualTo(afterFirst);
            assertThat(stream(NETWORK).get(1).payload().get("failed").asBoolean()).isTrue();
        }

        @Test
        void givenGeneratedIndex_whenIngestedTwice_thenEveryTaskHasTwoEventsOnceAndTheSecondRunAddsNone() {
            List<String> lines = new TaskLineGenerator(NODE, 11).indexLines(1_000);

            IngestionResult first = service.ingestTaskFile(host, NODE, body(lines), metadata("r1"));
            IngestionResult second = service.ingestTaskFile(host, NODE, body(lines), metadata("r2"));

            assertThat(first).isEqualTo(new IngestionResult(1_000, 0, 0, List.of()));
            assertThat(second).isEqualTo(new IngestionResult(0, 1_000, 0, List.of()));
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void givenRunningTask_whenItsFinishArrivesLater_thenStartThenFinishAtSequenceOne() {
            IngestionResult running = file(activeRunning(START.text()));
            IngestionResult finished = json(apiFinished(START, END.plusSeconds(400), "OK"));

            assertThat(running.accepted()).isEqualTo(1);
            assertThat(finished.accepted()).isEqualTo(1);
            assertThat(stream(START)).extracting(StoredEvent::type, StoredEvent::sequence).containsExactly(
                    tuple("ProxmoxTaskStarted", 0L), tuple("ProxmoxTaskFinished", 1L));
            assertThat(stream(START).get(1).metadata().get("source").asText()).isEqualTo("test");
        }

        @Test
        void givenFinishedTask_whenAnotherFinishArrives_thenRejectedConflictAndStoredOnce() {
            file(index(SHUTDOWN.text(), END, "OK"));

            IngestionResult result = file(index(SHUTDOWN.text(), END, "job errors"), index(START.text(), END, "OK"));

            assertThat(result.accepted()).isEqualTo(1);
            assertThat(result.rejected()).singleElement().satisfies(r -> {
                assertThat(r.lineNumber()).isEqualTo(1);
                assertThat(r.reason()).contains("conflicting finish");
            });
            assertThat(stream(SHUTDOWN)).hasSize(2);
            assertThat(stream(SHUTDOWN).get(1).payload().get("status").asText()).isEqualTo("OK");
        }

        @Test
        void givenEveryLineRejected_whenIngesting_thenUnprocessableAndNothingStored() {
            assertThatThrownBy(() -> file(index(upid().node("pve-infra").text(), END, "OK"), "junk"))
                    .isInstanceOfSatisfying(UnprocessableUploadException.class,
                            e -> assertThat(e.result().rejected()).hasSize(2));
        }

        @Test
        void givenHostWithClassOverride_whenIngestingTwice_thenPayloadsDoNotDependOnTheConfiguration() {
            UpidBuilder backup = upid().type("vzdump").id("101");

            service.ingestTaskFile("override-host", NODE, body(index(backup.text(), END, "OK")), metadata("r"));
            IngestionResult again = service.ingestTaskFile("override-host", NODE,
                    body(index(backup.text(), END, "OK")), metadata("r"));

            assertThat(again.duplicates()).isEqualTo(1);
            StoredEvent started = store.readStream(new AggregateRef("ProxmoxTask", "override-host/" + backup.text()))
                    .get(0);
            assertThat(started.payload().has("class")).isFalse();
            assertThat(started.payload().get("type").asText()).isEqualTo("vzdump");
        }
    }

    @Nested
    class OneTransaction {

        @Test
        void givenOneEventOfAnUploadCannotBeStored_whenIngesting_thenNoneOfTheUploadIsStored() {
            UUID clash = EventIds.task(host, NETWORK.text(), "finished");
            NewEvent squatter = TestEvents.event(clash, "Unrelated", "holds the id");
            QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(
                    TestEvents.uniqueAggregate("Other"), AppendRequest.NEW_STREAM, List.of(squatter)), metadata("x")));

            assertThatThrownBy(() -> file(index(SHUTDOWN.text(), END, "OK"), index(NETWORK.text(), END, "OK")))
                    .isInstanceOf(EventIdConflictException.class);

            assertThat(store.readStreams(List.of(new AggregateRef("ProxmoxTask", host + "/" + SHUTDOWN.text()),
                    new AggregateRef("ProxmoxTask", host + "/" + NETWORK.text())))).isEqualTo(Map.of());
        }
    }

    @Nested
    class Chunks {

        private static final int LINES = TaskIngestionService.LINES_PER_CHUNK * 2 + 500;

        private List<AggregateRef> streams(List<String> lines) {
            return lines.stream().filter(l -> l.startsWith("UPID:"))
                    .map(l -> new AggregateRef("ProxmoxTask", host + "/" + l.substring(0, l.indexOf(' ')))).toList();
        }

        @Test
        void givenUploadOfSeveralChunks_whenIngesting_thenTheEventsOfOneDecisionOverTheWholeUpload() {
            List<String> lines = new ArrayList<>(new TaskLineGenerator(NODE, 21).indexLines(LINES));
            Collections.reverse(lines); // write order (by UPID) is the reverse of line order
            String first = lines.get(LINES - 1);
            lines.add(300, "junk in the middle");
            lines.add(activeRunning(first.substring(0, first.indexOf(' ')))); // same task again: a duplicate
            lines.add("junk at the end");
            IngestionPlan whole = TaskUploadDecider.decide(host, NODE, TaskFileParser.parse(lines), Map.of());

            IngestionResult result = service.ingestTaskFile(host, NODE, body(lines), metadata("r"));

            assertThat(result.accepted()).isEqualTo(LINES);
            assertThat(result.duplicates()).isEqualTo(1);
            assertThat(result.rejected()).extracting(IngestionResult.RejectedLine::lineNumber)
                    .containsExactly(301, lines.size());
            List<List<Object>> expected = new ArrayList<>();
            whole.appends().forEach(append -> {
                long sequence = append.expectedSequence();
                for (NewEvent event : append.events()) {
                    expected.add(List.of(event.id(), append.aggregate(), event.type(), ++sequence, asRead(event)));
                }
            });
            List<List<Object>> stored = new ArrayList<>();
            store.readStreams(streams(lines)).values().forEach(events -> events.forEach(e ->
                    stored.add(List.of(e.id(), e.aggregate(), e.type(), e.sequence(), e.payload()))));
            assertThat(stored).hasSize(2 * LINES).containsExactlyInAnyOrderElementsOf(expected);
        }

        @Test
        void givenConflictInTheLastChunk_whenIngesting_thenNothingOfTheUploadIsStored() {
            List<String> lines = new TaskLineGenerator(NODE, 22).indexLines(LINES);
            String last = lines.get(LINES - 1); // the greatest UPID: written in the last chunk
            UUID clash = EventIds.task(host, last.substring(0, last.indexOf(' ')), "finished");
            QuarkusTransaction.requiringNew().run(() -> store.append(new AppendRequest(
                    TestEvents.uniqueAggregate("Other"), AppendRequest.NEW_STREAM,
                    List.of(TestEvents.event(clash, "Unrelated", "holds the id"))), metadata("x")));

            assertThatThrownBy(() -> service.ingestTaskFile(host, NODE, body(lines), metadata("r")))
                    .isInstanceOf(EventIdConflictException.class);

            assertThat(store.readStreams(streams(lines))).isEqualTo(Map.of());
        }

        @Test
        void givenApiItemsOfSeveralChunks_whenIngestedAfterTheirIndexLines_thenAllDuplicates() {
            List<String> lines = new TaskLineGenerator(NODE, 23).indexLines(LINES);
            service.ingestTaskFile(host, NODE, body(lines), metadata("r1"));
            List<LineOutcome<TaskFact>> outcomes = TaskFileParser.parse(lines);

            IngestionResult again = service.ingest(host, NODE, outcomes, metadata("r2"));

            assertThat(again).isEqualTo(new IngestionResult(0, LINES, 0, List.of()));
        }
    }
}
