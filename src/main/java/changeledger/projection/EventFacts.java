package changeledger.projection;

import changeledger.domain.EventClass;
import changeledger.eventstore.StoredEvent;
import changeledger.host.ChangeTarget;
import changeledger.host.HostEvent;
import changeledger.ingestion.ApiCallKind;
import changeledger.ingestion.ApiCallTable;
import changeledger.ingestion.ApiChangeObserved;
import changeledger.ingestion.JournalObservation;
import changeledger.ingestion.ProxmoxNotificationReceived;
import changeledger.ingestion.ProxmoxTaskEvent;
import changeledger.ingestion.ReplicationLagObserved;
import changeledger.ingestion.ReplicationRunObserved;
import changeledger.ingestion.TaskClass;
import changeledger.ingestion.TaskClassifier;
import changeledger.ingestion.Upid;
import changeledger.journal.ManualEntryEvent;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * What read models and the audit query know of any event, whatever its type: the host it concerns,
 * its class, the guest, who acted, where it came from.
 *
 * @param hostId        the host, or null for events of no host (API keys)
 * @param eventClass    the class ({@code change}, {@code disruptive}, ...), or null for events that are not
 *                      observations of a host (hosts, keys)
 * @param guest         the guest id as raw text, or null
 * @param actor         who acted: the Proxmox user or token of a task or API call, else the name of the
 *                      service key that recorded the event
 * @param actorKeyId    the id of the service key that recorded the event, or null
 * @param source        where it came from (metadata {@code source})
 * @param correlationId the correlation id of the request that recorded it, or null
 * @param summary       a line a person reads: task type and guest, the API call, an entry's summary; or null
 * @param failed        for a finished task or a replication run, whether it failed; true for a notification of a
 *                      failed backup or replication; null for every other event
 * @param target        what a task, API call, manual entry or configuration event changed ({@link ObservedTarget});
 *                      null otherwise
 * @param security      whether it is a security change: an access-log call under {@code /access/},
 *                      {@code /cluster/notifications/} or {@code .../firewall/}, or a drift of target {@code security}
 */
public record EventFacts(String hostId, String eventClass, String guest, String actor, String actorKeyId,
                         String source, String correlationId, String summary, Boolean failed, String target,
                         boolean security) {

    /** The class of an access-log change whose host is unknown (its class table decides the others). */
    public static final String ACCESS_LOG_CHANGE_CLASS = TaskClass.CHANGE.json();

    /** The class of a configuration drift: an observed change (DESIGN "Evidence"). */
    public static final String DRIFT_CLASS = TaskClass.CHANGE.json();

    /** How many changed keys a drift's summary names. */
    private static final int DRIFT_KEYS_SHOWN = 5;

    /** The class read models give manual entries of kind {@code change}. */
    public static final String MANUAL_CLASS = EventClass.MANUAL.json();

    private static final String MANUAL_ENTRY_RECORDED = ManualEntryEvent.ManualEntryRecorded.class.getSimpleName();

    /** Reads the facts of a stored (upcast) event; tasks are classified by their host's class table. */
    public static EventFacts of(StoredEvent event, TaskClassifier classifier) {
        JsonNode payload = event.payload();
        JsonNode metadata = event.metadata();
        String aggregateType = event.aggregate().type();
        String hostId = text(payload, "hostId");
        String eventClass = null;
        String actor = null;
        String summary = null;
        Boolean failed = null;
        boolean security = false;
        if (ProxmoxTaskEvent.AGGREGATE_TYPE.equals(aggregateType) && hostId != null) {
            String taskType = text(payload, "type");
            eventClass = taskType == null ? TaskClass.UNKNOWN.json() : classifier.forHost(hostId).classify(taskType).json();
            actor = text(payload, "user");
            if (actor == null && text(payload, "upid") != null) {
                actor = userOf(text(payload, "upid"));
            }
            String guestId = blankToNull(text(payload, "guestId"));
            summary = taskType + (guestId == null ? "" : " " + guestId);
            if (payload.has("failed")) {
                failed = payload.get("failed").asBoolean();
                summary += failed ? " failed: " + text(payload, "status") : "";
            }
        } else if (ApiChangeObserved.TYPE.equals(event.type())) {
            ApiCallKind call = callKind(payload);
            eventClass = hostId == null ? ACCESS_LOG_CHANGE_CLASS : call.taskClass(classifier.forHost(hostId)).json();
            actor = text(payload, "user");
            summary = text(payload, "method") + " " + text(payload, "path");
            security = call.security() && call.change();
        } else if (ProxmoxNotificationReceived.TYPE.equals(event.type())) {
            String type = text(payload, "type");
            String severity = text(payload, "severity");
            eventClass = ProxmoxNotificationReceived.classOf(type).json();
            summary = ProxmoxNotificationReceived.summary(type, severity, text(payload, "title"));
            failed = ProxmoxNotificationReceived.failedJob(type, severity) ? Boolean.TRUE : null;
        } else if (ReplicationRunObserved.TYPE.equals(event.type())) {
            // a run is routine work, never a change for the budget (ADR 0066)
            eventClass = EventClass.ROUTINE.json();
            actor = ReplicationRunObserved.RUN_BY;
            failed = payload.path("failed").asBoolean(false);
            summary = "replication " + text(payload, "jobId") + " to " + text(payload, "target")
                    + (failed ? " failed: " + ReplicationRunObserved.status(true, text(payload, "error")) : "");
        } else if (ReplicationLagObserved.TYPE.equals(event.type())) {
            eventClass = EventClass.ROUTINE.json();
            summary = "replication " + text(payload, "jobId") + " to " + text(payload, "target") + " lagging: "
                    + (payload.path("overdue").asBoolean(false) ? "next sync " + text(payload, "nextSync")
                    + " passed" : payload.path("failCount").asInt() + " failed run(s)")
                    + ", last sync " + (text(payload, "lastSync") == null ? "never" : text(payload, "lastSync"));
        } else if (ObservedTarget.CONFIG_DRIFT_OBSERVED.equals(event.type())) {
            eventClass = DRIFT_CLASS;
            summary = driftSummary(payload);
            security = payload.path("security").asBoolean(false);
        } else if (MANUAL_ENTRY_RECORDED.equals(event.type())) {
            eventClass = "change".equals(text(payload, "kind")) ? MANUAL_CLASS : null;
            summary = text(payload, "summary");
        } else if (JournalObservation.AGGREGATE_TYPE.equals(aggregateType)) {
            eventClass = journalIncident(event.type(), payload) ? EventClass.INCIDENT.json() : null;
            summary = journalSummary(event.type(), payload);
        } else if (HostEvent.AGGREGATE_TYPE.equals(aggregateType) && hostId == null) {
            hostId = event.aggregate().id();
        }
        String keyName = text(metadata, "actorName");
        String guest = blankToNull(text(payload, "guestId"));
        if (guest == null && ChangeTarget.isGuest(text(payload, "target"))) {
            guest = text(payload, "target");
        }
        return new EventFacts(hostId, eventClass, guest, actor != null ? actor : keyName,
                text(metadata, "actorKeyId"), text(metadata, "source"), text(metadata, "correlationId"), summary, failed,
                ObservedTarget.ofEvent(event), security);
    }

    /**
     * Whether a journal observation is an incident on its own: a memory kill, a crash that a verbose qmeventd
     * printed, a boot after no clean shutdown, a loss of quorum (pmxcfs), a fencing. A guest's QEMU that ended for a reason no line tells is none by itself
     * (every stop, shutdown, reboot and migration through Proxmox ends one): its window counts where no task of
     * the guest explains it and it did not start again within the grace.
     */
    private static boolean journalIncident(String type, JsonNode payload) {
        return switch (type) {
            case JournalObservation.GuestKilledObserved.TYPE -> true;
            case JournalObservation.GuestStopObserved.TYPE ->
                    JournalObservation.GuestStopObserved.CRASHED.equals(text(payload, "cause"));
            case JournalObservation.NodeBootObserved.TYPE -> payload.path("previousBootClean").isBoolean()
                    && !payload.path("previousBootClean").asBoolean() && payload.hasNonNull("previousLastLineAt");
            // one loss of quorum is one incident of the node: pmxcfs's line (the one Proxmox acts on, /etc/pve turns
            // read-only), not corosync's of the same loss (ADR 0063)
            case JournalObservation.QuorumChangeObserved.TYPE -> !payload.path("quorate").asBoolean(true)
                    && JournalObservation.QuorumChangeObserved.PMXCFS.equals(text(payload, "source"));
            case JournalObservation.NodeFencedObserved.TYPE -> true;
            default -> false;
        };
    }

    /** A journal observation as a person reads it. */
    private static String journalSummary(String type, JsonNode payload) {
        String guest = text(payload, "guestId");
        return switch (type) {
            case JournalObservation.GuestStopObserved.TYPE -> "guest " + guest + " stopped (QEMU ended; cause "
                    + text(payload, "cause") + ")";
            case JournalObservation.GuestKilledObserved.TYPE -> "guest " + guest + ": process " + text(payload, "process")
                    + " killed for memory";
            case JournalObservation.GuestStartObserved.TYPE -> "guest " + guest + " started outside a task";
            case JournalObservation.NodeBootObserved.TYPE -> {
                JsonNode clean = payload.get("previousBootClean");
                yield "node booted" + (clean == null || clean.isNull() ? ""
                        : clean.asBoolean() ? " after a clean shutdown"
                        : " after no clean shutdown (last line " + text(payload, "previousLastLineAt") + ")");
            }
            case JournalObservation.QuorumChangeObserved.TYPE -> payload.path("quorate").asBoolean(false)
                    ? "node has the cluster's quorum again (" + text(payload, "source") + ")"
                    : "node lost the cluster's quorum (" + text(payload, "source") + ")";
            case JournalObservation.ClusterMembersObserved.TYPE -> "corosync membership " + text(payload, "ringId")
                    + ": joined " + payload.path("joined") + ", left " + payload.path("left");
            case JournalObservation.NodeFencedObserved.TYPE -> "HA manager fenced node " + text(payload, "node")
                    + (payload.hasNonNull("fencedHostId") ? " (host " + text(payload, "fencedHostId") + ")" : "");
            default -> type;
        };
    }

    /** A drift as a person reads it: a guest that went away or appeared, else what changed (at most five keys). */
    private static String driftSummary(JsonNode payload) {
        String target = text(payload, "target");
        String name = text(payload, "guestName");
        String subject = ChangeTarget.isGuest(target) ? "guest " + (name == null ? target : name + " (" + target + ")")
                : target;
        if (payload.path("gone").asBoolean(false)) {
            return subject + " went away";
        }
        StringBuilder keys = new StringBuilder();
        int shown = 0;
        boolean appeared = true;
        for (JsonNode change : payload.path("changes")) {
            appeared &= change.path("before").isNull();
            if (shown < DRIFT_KEYS_SHOWN) {
                keys.append(shown == 0 ? "" : ", ").append(text(change, "key"));
            } else if (shown == DRIFT_KEYS_SHOWN) {
                keys.append(", ...");
            }
            shown++;
        }
        if (appeared && ChangeTarget.isGuest(target) && shown > 0) {
            return subject + " appeared";
        }
        return "configuration of " + subject + " changed: " + keys;
    }

    /** What a stored access-log call is ({@link ApiCallTable}), from its method and path. */
    public static ApiCallKind callKind(JsonNode payload) {
        String method = text(payload, "method");
        String path = text(payload, "path");
        return ApiCallTable.builtIn().classify(method == null ? "POST" : method, path == null ? "/" : path);
    }

    /** The user a finished task's UPID names (the finish event does not repeat it); null if it is unreadable. */
    private static String userOf(String upid) {
        try {
            return Upid.userOfStored(upid);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
