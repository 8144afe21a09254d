package changeledger;

import static changeledger.support.SampleRecords.permittedRecords;
import static changeledger.support.SampleRecords.sample;
import static org.assertj.core.api.Assertions.assertThat;

import changeledger.changerequest.ChangeRequest;
import changeledger.changerequest.ChangeRequestEvent;
import changeledger.changerequest.ChangeRequestStatus;
import changeledger.host.Host;
import changeledger.host.HostEvent;
import changeledger.ingestion.ProxmoxTaskEvent;
import changeledger.journal.ManualEntry;
import changeledger.journal.ManualEntryEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every record a sealed event interface permits is folded by the {@code evolve} of its aggregate: a new event type
 * that an {@code evolve} forgets fails here, not on the first stream that holds one.
 */
class EvolveHandlesEveryEventTest {

    @Nested
    class ChangeRequests {

        @Test
        void everyChangeRequestEventIsFoldedAfterASubmission() {
            List<Class<?>> events = permittedRecords(ChangeRequestEvent.class);
            ChangeRequest submitted = ChangeRequest.evolve(null,
                    sample(ChangeRequestEvent.ChangeRequestSubmitted.class));

            assertThat(submitted.status()).isEqualTo(ChangeRequestStatus.SUBMITTED);
            assertThat(events).hasSize(7);
            assertFolded(events, ChangeRequestEvent.class, submitted, ChangeRequest::evolve);
        }
    }

    @Nested
    class Hosts {

        @Test
        void everyHostEventIsFoldedAfterARegistration() {
            List<Class<?>> events = permittedRecords(HostEvent.class);
            Host registered = Host.evolve(null, sample(HostEvent.HostRegistered.class));

            assertThat(events).hasSizeGreaterThanOrEqualTo(4);
            assertFolded(events, HostEvent.class, registered, Host::evolve);
        }
    }

    @Nested
    class ManualEntries {

        @Test
        void everyManualEntryEventIsFoldedAfterARecord() {
            List<Class<?>> events = permittedRecords(ManualEntryEvent.class);
            ManualEntry recorded = ManualEntry.evolve(null, sample(ManualEntryEvent.ManualEntryRecorded.class));

            assertThat(events).hasSizeGreaterThanOrEqualTo(2);
            assertFolded(events, ManualEntryEvent.class, recorded, ManualEntry::evolve);
        }
    }

    @Nested
    class Tasks {

        @Test
        void everyTaskEventFollowsSomeStateOfItsTask() throws Exception {
            Class<?> taskState = Class.forName("changeledger.ingestion.TaskState");
            Method evolve = taskState.getDeclaredMethod("evolve", taskState, ProxmoxTaskEvent.class);
            evolve.setAccessible(true);
            Object unseen = taskState.getField("UNSEEN").get(null);
            List<Object> states = new ArrayList<>(List.of(unseen));
            List<String> unhandled = new ArrayList<>();

            for (Class<?> type : permittedRecords(ProxmoxTaskEvent.class)) {
                Object event = sample(type);
                Object next = null;
                for (Object state : List.copyOf(states)) {
                    try {
                        next = evolve.invoke(null, state, event);
                        states.add(next);
                        break;
                    } catch (InvocationTargetException refused) {
                        assertThat(refused.getCause()).isInstanceOf(IllegalStateException.class);
                    }
                }
                if (next == null) {
                    unhandled.add(type.getSimpleName());
                }
            }

            assertThat(unhandled).as("task events no state accepts").isEmpty();
            assertThat(states).hasSize(1 + permittedRecords(ProxmoxTaskEvent.class).size());
        }
    }

    private static <S, E> void assertFolded(List<Class<?>> events, Class<E> sealed, S state,
                                            BiFunction<S, E, S> evolve) {
        List<String> unhandled = new ArrayList<>();
        for (Class<?> type : events) {
            try {
                if (evolve.apply(state, sealed.cast(sample(type))) == null) {
                    unhandled.add(type.getSimpleName() + " (no state)");
                }
            } catch (RuntimeException e) {
                unhandled.add(type.getSimpleName() + " (" + e + ")");
            }
        }
        assertThat(unhandled).as("events of " + sealed.getSimpleName() + " that evolve does not fold").isEmpty();
    }
}
