package changeledger.ingestion;

import changeledger.api.LimitsConfig;
import changeledger.domain.BodyTooLargeException;
import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.ConflictRetry;
import changeledger.eventstore.EventMetadata;
import changeledger.eventstore.EventStore;
import changeledger.eventstore.NewEvent;
import changeledger.host.Host;
import changeledger.host.HostService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Ingests lines of a node's systemd journal ({@code journalctl -o short-iso-precise} or {@code -o json}): task start
 * and end lines become the same task events as the task index, the lines that show a guest's QEMU ending, a memory
 * kill, a guest start outside a task or a boot become observations ({@link JournalReading}); everything else is
 * counted as ignored. One transaction per upload, with the host's journal tail locked.
 */
@ApplicationScoped
public class JournalIngestionService {

    private final EventStore store;
    private final LimitsConfig limits;
    private final JournalTails tails;
    private final HostService hosts;

    /** Wires the service. */
    public JournalIngestionService(EventStore store, LimitsConfig limits, JournalTails tails, HostService hosts) {
        this.store = store;
        this.limits = limits;
        this.tails = tails;
        this.hosts = hosts;
    }

    /**
     * Ingests journal lines of a host whose Proxmox node is {@code node}.
     *
     * @throws BodyTooLargeException        (413) over {@code changeledger.limits.upload-bytes} or upload-lines
     * @throws UnprocessableUploadException (422) every line rejected
     */
    public IngestionResult ingestJournal(String hostId, String node, byte[] body, EventMetadata metadata) {
        BodyLines lines = IngestionBody.lines(body, limits.uploadBytes(), limits.uploadLines());
        List<LineOutcome<JournalEntry>> parsed = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String fault = lines.fault(i);
            if (fault != null) {
                parsed.add(new LineOutcome.Rejected<>(i + 1, lines.line(i), fault));
            } else if (!lines.line(i).isBlank()) {
                parsed.add(JournalLineParser.parse(i + 1, lines.line(i)));
            }
        }
        EventMetadata withSource = IngestionSources.orDefault(metadata, "journal");
        return ConflictRetry.inNewTransaction(TaskIngestionService.ATTEMPTS, () -> {
            IngestionTally tally = new IngestionTally();
            JournalReading reading = JournalReading.read(hostId, tails.lock(hostId), parsed,
                    fenced -> hostOfNode(hostId, fenced));
            TaskIngestionService.append(store, hostId, node, TaskSightings.of(reading.tasks()), withSource, tally);
            IngestionSources.append(store, plan(hostId, reading), withSource, tally);
            tails.save(hostId, reading.after());
            return IngestionSources.finish(tally);
        });
    }

    /**
     * The host of a node that the HA manager on {@code hostId} fenced: a host of the same cluster whose node has that
     * name (node names are unique within a cluster), or null. A host in no cluster fences no other host.
     */
    private String hostOfNode(String hostId, String node) {
        String cluster = hosts.find(hostId).map(Host::cluster).orElse(null);
        if (cluster == null) {
            return null;
        }
        return hosts.list().stream().filter(h -> cluster.equals(h.cluster()) && node.equalsIgnoreCase(h.node()))
                .map(Host::id).findFirst().orElse(null);
    }

    /** The observations' appends, one stream each, and the lines that add nothing. */
    private static IngestionPlan plan(String hostId, JournalReading reading) {
        List<AppendRequest> appends = new ArrayList<>();
        List<PlannedLine> planned = new ArrayList<>(reading.other());
        for (JournalReading.Observed observed : reading.observed()) {
            NewEvent event = IngestionEventCodec.toNewEvent(observed.observation());
            appends.add(new AppendRequest(new AggregateRef(JournalObservation.AGGREGATE_TYPE,
                    hostId + "/" + event.id()), AppendRequest.NEW_STREAM, List.of(event)));
            planned.add(PlannedLine.adds(observed.source(), List.of(event.id())));
        }
        return new IngestionPlan(appends, planned);
    }
}
