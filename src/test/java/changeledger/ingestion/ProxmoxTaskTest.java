package changeledger.ingestion;

import static changeledger.support.UpidBuilder.upid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProxmoxTaskTest {

    private static final Upid STOP = upid().type("qmstop").id("101").build();
    private static final Instant END = STOP.startTime().plusSeconds(12);

    private static List<ProxmoxTaskEvent> decide(TaskFact fact, TaskState state) {
        return ProxmoxTask.decide(new RecordTaskSighting("lab", "pve-lab", fact), state);
    }

    private static TaskState after(List<ProxmoxTaskEvent> events) {
        TaskState state = TaskState.UNSEEN;
        for (ProxmoxTaskEvent event : events) {
            state = TaskState.evolve(state, event);
        }
        return state;
    }

    @Nested
    class FirstSighting {

        @Test
        void givenUnseenTask_whenSeenFinished_thenStartedAndFinished() {
            List<ProxmoxTaskEvent> events = decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN);

            assertThat(events).hasSize(2);
            ProxmoxTaskStarted started = (ProxmoxTaskStarted) events.get(0);
            assertThat(started.hostId()).isEqualTo("lab");
            assertThat(started.upid()).isEqualTo(STOP.text());
            assertThat(started.guestId()).isEqualTo("101");
            ProxmoxTaskFinished finished = (ProxmoxTaskFinished) events.get(1);
            assertThat(finished.endTime()).isEqualTo(END);
            assertThat(finished.failed()).isFalse();
        }

        @Test
        void givenUnseenTask_whenSeenRunning_thenStartedOnly() {
            assertThat(decide(TaskFact.running(STOP), TaskState.UNSEEN)).singleElement()
                    .isInstanceOf(ProxmoxTaskStarted.class);
        }

        @Test
        void givenFailedStatus_whenSeenFinished_thenFlaggedFailed() {
            ProxmoxTaskFinished finished = (ProxmoxTaskFinished) decide(
                    TaskFact.finished(STOP, END, "VM quit/powerdown failed - got timeout"), TaskState.UNSEEN).get(1);

            assertThat(finished.failed()).isTrue();
            assertThat(finished.type()).isEqualTo("qmstop");
        }

        @Test
        void givenWarnings_whenSeenFinished_thenNotFailed() {
            ProxmoxTaskFinished finished = (ProxmoxTaskFinished) decide(TaskFact.finished(STOP, END, "WARNINGS: 2"),
                    TaskState.UNSEEN).get(1);

            assertThat(finished.failed()).isFalse();
        }

        @Test
        void givenUpidOfAnotherNode_whenSeen_thenRejectedNamingBothNodes() {
            Upid other = upid().node("pve-infra").build();

            assertThatThrownBy(() -> decide(TaskFact.running(other), TaskState.UNSEEN))
                    .isInstanceOf(TaskSightingRejectedException.class)
                    .hasMessageContaining("pve-infra").hasMessageContaining("pve-lab");
        }
    }

    @Nested
    class LaterSightings {

        @Test
        void givenRunningTask_whenSeenFinished_thenFinishedOnly() {
            TaskState running = after(decide(TaskFact.running(STOP), TaskState.UNSEEN));

            assertThat(decide(TaskFact.finished(STOP, END, "OK"), running)).singleElement()
                    .isInstanceOf(ProxmoxTaskFinished.class);
        }

        @Test
        void givenRunningTask_whenSeenRunningAgain_thenNothing() {
            TaskState running = after(decide(TaskFact.running(STOP), TaskState.UNSEEN));

            assertThat(decide(TaskFact.running(STOP), running)).isEmpty();
        }

        @Test
        void givenFinishedTask_whenSeenRunningOrWithTheSameFinish_thenNothing() {
            TaskState finished = after(decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN));

            assertThat(decide(TaskFact.running(STOP), finished)).isEmpty();
            assertThat(decide(TaskFact.finished(STOP, END, "OK"), finished)).isEmpty();
        }

        @Test
        void givenFinishedTask_whenSeenWithAnotherStatusOrEnd_thenRejectedAsConflict() {
            TaskState finished = after(decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN));

            assertThatThrownBy(() -> decide(TaskFact.finished(STOP, END, "job errors"), finished))
                    .isInstanceOf(TaskSightingRejectedException.class).hasMessageContaining("conflicting finish");
            assertThatThrownBy(() -> decide(TaskFact.finished(STOP, END.plusSeconds(1), "OK"), finished))
                    .isInstanceOf(TaskSightingRejectedException.class);
        }

        @Test
        void givenFinishBeforeStart_whenEvolving_thenCorruptStreamIsRefused() {
            List<ProxmoxTaskEvent> events = decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN);

            assertThatThrownBy(() -> TaskState.evolve(TaskState.UNSEEN, events.get(1)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class Ids {

        @Test
        void givenSameTask_whenEncoded_thenIdsDependOnlyOnHostUpidAndPhase() {
            List<ProxmoxTaskEvent> once = decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN);
            List<ProxmoxTaskEvent> again = decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN);

            assertThat(IngestionEventCodec.toNewEvent(once.get(0))).isEqualTo(IngestionEventCodec.toNewEvent(again.get(0)));
            assertThat(IngestionEventCodec.toNewEvent(once.get(0)).id())
                    .isEqualTo(EventIds.task("lab", STOP.text(), "started"))
                    .isNotEqualTo(EventIds.task("infra", STOP.text(), "started"));
            assertThat(IngestionEventCodec.toNewEvent(once.get(1)).id())
                    .isEqualTo(EventIds.task("lab", STOP.text(), "finished"));
        }

        @Test
        void givenName_whenHashed_thenVersion5Rfc9562Uuid() {
            assertThat(EventIds.nameBased("x").version()).isEqualTo(5);
            assertThat(EventIds.nameBased("x").variant()).isEqualTo(2);
            assertThat(EventIds.nameBased("x")).isEqualTo(EventIds.nameBased("x")).isNotEqualTo(EventIds.nameBased("y"));
        }

        @Test
        void givenStartedPayload_whenEncoded_thenOccurredAtIsTheStartAndOnlyFactsOfTheUpidAreStored() {
            var started = IngestionEventCodec.toNewEvent(decide(TaskFact.running(STOP), TaskState.UNSEEN).get(0));

            assertThat(started.occurredAt()).isEqualTo(STOP.startTime());
            assertThat(started.payload().get("guestId").asText()).isEqualTo("101");
            assertThat(started.payload().fieldNames()).toIterable().containsExactlyInAnyOrder("hostId", "upid",
                    "node", "pid", "pstart", "startTime", "type", "guestId", "user");
        }

        @Test
        void givenFinishedPayload_whenEncoded_thenOnlyFactsOfUpidEndAndStatusAreStored() {
            var finished = IngestionEventCodec.toNewEvent(
                    decide(TaskFact.finished(STOP, END, "OK"), TaskState.UNSEEN).get(1));

            assertThat(finished.payload().fieldNames()).toIterable().containsExactlyInAnyOrder("hostId", "upid",
                    "type", "guestId", "startTime", "endTime", "status", "failed");
        }
    }
}
