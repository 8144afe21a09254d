package changeledger.projection;

import changeledger.api.TimeConfig;
import changeledger.eventstore.StoredEvent;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.ProxmoxTaskFinished;
import changeledger.ingestion.ProxmoxTaskStarted;
import changeledger.ingestion.TaskClassifier;
import changeledger.journal.ManualEntryEvent;
import changeledger.processing.ProcessingBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Feeds the change statistics: every task once at its start in its class, every access-log change as a change
 * unless {@link TaskLinkRule} links it to a task (in whichever order the two arrive), every manual change entry
 * until it is retracted; kept per event and rolled up per host, local day and class. Replayable, e.g. after a
 * host's class table or the service's time zone changed.
 */
@ApplicationScoped
public class ChangeStatsProjection extends GenerationalReadModel {

    /** The processor's name. */
    public static final String NAME = "change-stats";

    /** The event that retracts a manual entry: it stops counting. */
    private static final String ENTRY_RETRACTED = ManualEntryEvent.ManualEntryRetracted.class.getSimpleName();

    private static final Comparator<ChangeStatsRepository.Window> BY_TARGET_AND_TIME =
            Comparator.comparing(ChangeStatsRepository.Window::hostId)
                    .thenComparing(ChangeStatsRepository.Window::guest, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(ChangeStatsRepository.Window::low);

    private final ChangeStatsRepository repository;
    private final TaskClassifier classifier;
    private final TimeConfig time;

    /** Wires the projection. */
    public ChangeStatsProjection(ChangeStatsRepository repository, TaskClassifier classifier, TimeConfig time) {
        this.repository = repository;
        this.classifier = classifier;
        this.time = time;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void handle(ProcessingBatch batch) throws Exception {
        Connection connection = batch.connection();
        int generation = batch.generation();
        List<StatsItem> fresh = new ArrayList<>();
        List<String> retractions = new ArrayList<>();
        for (StoredEvent event : batch.events()) {
            if (ProxmoxTaskFinished.TYPE.equals(event.type())) {
                continue;
            }
            if (ENTRY_RETRACTED.equals(event.type())) {
                retractions.add(event.aggregate().id());
                continue;
            }
            StatsItem item = item(event);
            if (item != null) {
                fresh.add(item);
            }
        }
        if (fresh.isEmpty() && retractions.isEmpty()) {
            return;
        }
        ZoneId zone = repository.zoneOf(connection, generation, time.timeZone());
        Collection<StatsItem> stored = repository.nearby(connection, generation, windows(fresh));
        AccessLinker.Outcome outcome = AccessLinker.link(stored, fresh);
        Map<ChangeStatsRepository.DayKey, Integer> deltas = new HashMap<>();
        for (StatsItem item : outcome.fresh()) {
            if (item.counted()) {
                add(deltas, item, zone, 1);
            }
        }
        Map<Long, StatsItem> before = new HashMap<>();
        stored.forEach(item -> before.put(item.position(), item));
        for (StatsItem item : outcome.relinked()) {
            int delta = (item.counted() ? 1 : 0) - (before.get(item.position()).counted() ? 1 : 0);
            add(deltas, item, zone, delta);
        }
        repository.insert(connection, generation, outcome.fresh());
        repository.relink(connection, generation, outcome.relinked());
        for (StatsItem item : repository.retract(connection, generation, retractions)) {
            add(deltas, item, zone, -1);
        }
        repository.addToDays(connection, generation, deltas);
    }

    @Override
    protected void deleteGeneration(Connection connection, int generation) throws Exception {
        repository.deleteGeneration(connection, generation);
    }

    /** The countable item an event makes, or null: a task's start, an access-log change, a manual change entry. */
    private StatsItem item(StoredEvent event) {
        StatsItem.Kind kind;
        EventFacts facts = EventFacts.of(event, classifier);
        if (ProxmoxTaskStarted.TYPE.equals(event.type())) {
            kind = StatsItem.Kind.TASK;
        } else if (ApiChangeObserved.TYPE.equals(event.type())) {
            kind = StatsItem.Kind.ACCESS;
        } else if (EventFacts.MANUAL_CLASS.equals(facts.eventClass())) {
            kind = StatsItem.Kind.MANUAL;
        } else {
            return null;
        }
        if (facts.hostId() == null || facts.eventClass() == null) {
            return null;
        }
        return new StatsItem(event.position(), event.id(), facts.hostId(), kind, event.aggregate().id(), facts.guest(),
                facts.eventClass(), event.occurredAt(), true, null, null);
    }

    /** Where stored tasks and changes that the batch's ones may link with lie: merged per host and guest. */
    private static List<ChangeStatsRepository.Window> windows(List<StatsItem> fresh) {
        List<ChangeStatsRepository.Window> windows = new ArrayList<>();
        for (StatsItem item : fresh) {
            if (item.kind() != StatsItem.Kind.MANUAL) {
                Instant at = item.occurredAt();
                windows.add(new ChangeStatsRepository.Window(item.hostId(), item.guest(), at.minus(AccessLinker.REACH),
                        at.plus(AccessLinker.REACH)));
            }
        }
        windows.sort(BY_TARGET_AND_TIME);
        List<ChangeStatsRepository.Window> merged = new ArrayList<>(windows.size());
        for (ChangeStatsRepository.Window window : windows) {
            ChangeStatsRepository.Window last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.hostId().equals(window.hostId())
                    && Objects.equals(last.guest(), window.guest()) && !window.low().isAfter(last.high())) {
                Instant high = window.high().isAfter(last.high()) ? window.high() : last.high();
                merged.set(merged.size() - 1, new ChangeStatsRepository.Window(last.hostId(), last.guest(), last.low(), high));
            } else {
                merged.add(window);
            }
        }
        return merged;
    }

    private static void add(Map<ChangeStatsRepository.DayKey, Integer> deltas, StatsItem item, ZoneId zone, int delta) {
        if (delta != 0) {
            deltas.merge(new ChangeStatsRepository.DayKey(item.hostId(), item.occurredAt().atZone(zone).toLocalDate(),
                    item.eventClass()), delta, Integer::sum);
        }
    }
}
