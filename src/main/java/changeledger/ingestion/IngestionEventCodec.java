package changeledger.ingestion;

import changeledger.time.IsoInstants;
import changeledger.eventstore.NewEvent;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Writes ingestion events as payloads (revision 1) and reads task events back. Payloads are built field
 * by field, so they depend on nothing but the event (no mapper settings).
 */
public final class IngestionEventCodec {

    /** The payload revision of every ingestion event type. */
    public static final int REVISION = 1;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private IngestionEventCodec() {
    }

    /** The event to append for a task event; its id is name-based on host, UPID and phase. */
    public static NewEvent toNewEvent(ProxmoxTaskEvent event) {
        if (event instanceof ProxmoxTaskStarted s) {
            return new NewEvent(EventIds.task(s.hostId(), s.upid(), "started"), ProxmoxTaskStarted.TYPE, REVISION,
                    JSON.objectNode().put("hostId", s.hostId()).put("upid", s.upid()).put("node", s.node())
                            .put("pid", s.pid()).put("pstart", s.pstart()).put("startTime", s.startTime().toString())
                            .put("type", s.type()).put("guestId", s.guestId()).put("user", s.user()),
                    s.startTime());
        }
        ProxmoxTaskFinished f = (ProxmoxTaskFinished) event;
        return new NewEvent(EventIds.task(f.hostId(), f.upid(), "finished"), ProxmoxTaskFinished.TYPE, REVISION,
                JSON.objectNode().put("hostId", f.hostId()).put("upid", f.upid()).put("type", f.type())
                        .put("guestId", f.guestId()).put("startTime", f.startTime().toString())
                        .put("endTime", f.endTime().toString()).put("status", f.status()).put("failed", f.failed()),
                f.endTime());
    }

    /** The event to append for an access-log change with its name-based id. */
    public static NewEvent toNewEvent(ApiChangeObserved event, UUID id) {
        ObjectNode payload = JSON.objectNode().put("hostId", event.hostId()).put("method", event.method())
                .put("path", event.path()).put("apiFormat", event.apiFormat()).put("guestKind", event.guestKind()).put("guestId", event.guestId())
                .put("pathNode", event.pathNode()).put("user", event.user())
                .put("clientAddress", event.clientAddress()).put("status", event.status())
                .put("time", event.time().toString()).put("line", event.line());
        return new NewEvent(id, ApiChangeObserved.TYPE, REVISION, payload, event.time().toInstant());
    }

    /** The event to append for a Proxmox notification with its name-based id; {@code fields} keep their order. */
    public static NewEvent toNewEvent(ProxmoxNotificationReceived n, UUID id) {
        ObjectNode payload = JSON.objectNode().put("hostId", n.hostId()).put("node", n.node()).put("type", n.type())
                .put("severity", n.severity()).put("title", n.title()).put("message", n.message())
                .put("timestamp", n.sentAt().toString());
        ObjectNode fields = payload.putObject("fields");
        n.fields().forEach(fields::put);
        return new NewEvent(id, ProxmoxNotificationReceived.TYPE, REVISION, payload, n.sentAt());
    }

    /** The event to append for a replication run with its name-based id; it occurs at its start. */
    public static NewEvent toNewEvent(ReplicationRunObserved run, UUID id) {
        ObjectNode payload = JSON.objectNode().put("hostId", run.hostId()).put("node", run.node())
                .put("jobId", run.jobId()).put("guestId", run.guestId()).put("target", run.target())
                .put("lastTry", run.lastTry().toString())
                .put("lastSync", run.lastSync() == null ? null : run.lastSync().toString())
                .put("durationSeconds", run.durationSeconds()).put("failCount", run.failCount())
                .put("error", run.error()).put("failed", run.failed());
        return new NewEvent(id, ReplicationRunObserved.TYPE, REVISION, payload, run.lastTry());
    }

    /**
     * The event to append for a lag reading with its name-based id; it occurs at the reading ({@code readAt}, kept
     * out of the payload: the same state read again is a duplicate).
     */
    public static NewEvent toNewEvent(ReplicationLagObserved lag, UUID id, Instant readAt) {
        ObjectNode payload = JSON.objectNode().put("hostId", lag.hostId()).put("jobId", lag.jobId())
                .put("guestId", lag.guestId()).put("target", lag.target())
                .put("lastTry", lag.lastTry() == null ? null : lag.lastTry().toString())
                .put("lastSync", lag.lastSync() == null ? null : lag.lastSync().toString())
                .put("nextSync", lag.nextSync() == null ? null : lag.nextSync().toString())
                .put("failCount", lag.failCount()).put("error", lag.error()).put("overdue", lag.overdue());
        return new NewEvent(id, ReplicationLagObserved.TYPE, REVISION, payload, readAt);
    }

    /** The event to append for a journal observation; its id is name-based on host and what identifies it. */
    public static NewEvent toNewEvent(JournalObservation observation) {
        ObjectNode payload = JSON.objectNode().put("hostId", observation.hostId());
        String identity;
        if (observation instanceof JournalObservation.GuestStopObserved stop) {
            payload.put("guestId", stop.guestId()).put("cause", stop.cause()).put("clean", stop.clean())
                    .put("guestRequested", stop.guestRequested());
            identity = "stop " + stop.guestId() + " " + stop.at();
        } else if (observation instanceof JournalObservation.GuestKilledObserved kill) {
            payload.put("guestId", kill.guestId()).put("guestType", kill.guestType()).put("process", kill.process())
                    .put("pid", kill.pid()).put("cgroup", kill.cgroup());
            identity = "kill " + kill.guestId() + " " + kill.pid() + " " + kill.at();
        } else if (observation instanceof JournalObservation.GuestStartObserved start) {
            payload.put("guestId", start.guestId());
            identity = "start " + start.guestId() + " " + start.at();
        } else if (observation instanceof JournalObservation.QuorumChangeObserved quorum) {
            payload.put("quorate", quorum.quorate()).put("source", quorum.source());
            identity = "quorum " + quorum.source() + " " + quorum.quorate() + " " + quorum.at();
        } else if (observation instanceof JournalObservation.ClusterMembersObserved members) {
            payload.put("ringId", members.ringId());
            members.joined().forEach(payload.putArray("joined")::add);
            members.left().forEach(payload.putArray("left")::add);
            identity = "members " + members.ringId() + " " + members.at();
        } else if (observation instanceof JournalObservation.NodeFencedObserved fenced) {
            payload.put("node", fenced.node()).put("fencedHostId", fenced.fencedHostId());
            identity = "fenced " + fenced.node() + " " + fenced.at();
        } else {
            JournalObservation.NodeBootObserved boot = (JournalObservation.NodeBootObserved) observation;
            payload.put("bootId", boot.bootId()).put("previousBootId", boot.previousBootId())
                    .put("previousLastLineAt", boot.previousLastLineAt() == null ? null
                            : boot.previousLastLineAt().toString())
                    .put("previousBootClean", boot.previousBootClean());
            identity = boot.bootId() != null ? "boot " + boot.bootId() : "boot at " + boot.at();
        }
        payload.put("at", observation.at().toString()).put("line", observation.line());
        return new NewEvent(EventIds.journal(observation.hostId(), identity), observation.type(), REVISION, payload,
                observation.at());
    }

    /**
     * Reads a stored journal observation.
     *
     * @throws IllegalArgumentException when the event is none
     */
    public static JournalObservation journalFromStored(StoredEvent stored) {
        JsonNode p = stored.payload();
        return switch (stored.type()) {
            case JournalObservation.GuestStopObserved.TYPE -> new JournalObservation.GuestStopObserved(
                    text(p, "hostId"), text(p, "guestId"), instant(p, "at"), text(p, "cause"), bool(p, "clean"),
                    bool(p, "guestRequested"), text(p, "line"));
            case JournalObservation.GuestKilledObserved.TYPE -> new JournalObservation.GuestKilledObserved(
                    text(p, "hostId"), text(p, "guestId"), text(p, "guestType"), instant(p, "at"), text(p, "process"),
                    p.path("pid").asLong(), text(p, "cgroup"), text(p, "line"));
            case JournalObservation.GuestStartObserved.TYPE -> new JournalObservation.GuestStartObserved(
                    text(p, "hostId"), text(p, "guestId"), instant(p, "at"), text(p, "line"));
            case JournalObservation.NodeBootObserved.TYPE -> new JournalObservation.NodeBootObserved(
                    text(p, "hostId"), text(p, "bootId"), instant(p, "at"), text(p, "previousBootId"),
                    text(p, "previousLastLineAt") == null ? null : instant(p, "previousLastLineAt"),
                    bool(p, "previousBootClean"), text(p, "line"));
            case JournalObservation.QuorumChangeObserved.TYPE -> new JournalObservation.QuorumChangeObserved(
                    text(p, "hostId"), instant(p, "at"), p.path("quorate").asBoolean(), text(p, "source"),
                    text(p, "line"));
            case JournalObservation.ClusterMembersObserved.TYPE -> new JournalObservation.ClusterMembersObserved(
                    text(p, "hostId"), instant(p, "at"), text(p, "ringId"), texts(p, "joined"), texts(p, "left"),
                    text(p, "line"));
            case JournalObservation.NodeFencedObserved.TYPE -> new JournalObservation.NodeFencedObserved(
                    text(p, "hostId"), instant(p, "at"), text(p, "node"), text(p, "fencedHostId"), text(p, "line"));
            default -> throw new IllegalArgumentException("not a journal observation: " + stored.type() + " at "
                    + stored.position());
        };
    }

    /**
     * Reads a stored task event.
     *
     * @throws IllegalArgumentException when the event is not a task event
     */
    public static ProxmoxTaskEvent fromStored(StoredEvent stored) {
        JsonNode p = stored.payload();
        return switch (stored.type()) {
            case ProxmoxTaskStarted.TYPE -> new ProxmoxTaskStarted(text(p, "hostId"), text(p, "upid"),
                    text(p, "node"), p.path("pid").asLong(), p.path("pstart").asLong(), instant(p, "startTime"),
                    text(p, "type"), text(p, "guestId"), text(p, "user"));
            case ProxmoxTaskFinished.TYPE -> new ProxmoxTaskFinished(text(p, "hostId"), text(p, "upid"),
                    text(p, "type"), text(p, "guestId"), instant(p, "startTime"), instant(p, "endTime"),
                    text(p, "status"), p.path("failed").asBoolean());
            default -> throw new IllegalArgumentException("not a task event: " + stored.type() + " at "
                    + stored.position());
        };
    }

    /** Reads a stored access-log change (for tests and read models). */
    public static ApiChangeObserved apiChangeFromStored(StoredEvent stored) {
        JsonNode p = stored.payload();
        return new ApiChangeObserved(text(p, "hostId"), text(p, "method"), text(p, "path"), text(p, "apiFormat"),
                text(p, "guestKind"), text(p, "guestId"), text(p, "pathNode"), text(p, "user"),
                text(p, "clientAddress"), p.path("status").asInt(), OffsetDateTime.parse(text(p, "time")),
                text(p, "line"));
    }

    private static String text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static java.util.List<String> texts(JsonNode payload, String field) {
        java.util.List<String> values = new java.util.ArrayList<>();
        payload.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Boolean bool(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    private static Instant instant(JsonNode payload, String field) {
        return IsoInstants.parse(text(payload, field));
    }
}
