package changeledger.ingestion;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.AppendRequest;
import changeledger.eventstore.NewEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides an upload of access-log lines: every change line becomes one {@link ApiChangeObserved} in its
 * own stream, with an id name-based on host, line text and the occurrence of that text in the upload.
 * Whether it is new is the store's call (idempotent ids), so no state is read.
 */
public final class AccessLogUploadDecider {

    private AccessLogUploadDecider() {
    }

    /**
     * The plan for an upload of a host's access-log lines. A call whose path names another node than the host's
     * ({@code /nodes/<other>/...}) was only forwarded by this node's pveproxy, and the other node logs it too: it is
     * ignored with that reason.
     *
     * @param hostNode the host's Proxmox node name, or null when the host declares none (then no call is ignored
     *                 for naming another node)
     */
    public static IngestionPlan decide(String hostId, String hostNode, List<LineOutcome<ApiCall>> outcomes) {
        Map<String, Integer> occurrences = new HashMap<>();
        List<AppendRequest> appends = new ArrayList<>();
        List<PlannedLine> lines = new ArrayList<>(outcomes.size());
        for (LineOutcome<ApiCall> outcome : outcomes) {
            if (!(outcome instanceof LineOutcome.Accepted<ApiCall> accepted)) {
                lines.add(PlannedLine.of(outcome));
                continue;
            }
            String other = otherNode(accepted.fact(), hostNode);
            if (other != null) {
                lines.add(PlannedLine.of(new LineOutcome.Ignored<>(accepted.lineNumber(), accepted.line(),
                        "the call names node '" + other + "', not this host's node '" + hostNode + "': pveproxy only "
                                + "forwarded it, and node '" + other + "' logs it too")));
                continue;
            }
            String text = accepted.line().strip();
            int occurrence = occurrences.merge(text, 1, Integer::sum);
            UUID id = EventIds.accessLog(hostId, text, occurrence);
            NewEvent event = IngestionEventCodec.toNewEvent(ApiChangeObserved.of(hostId, accepted.fact(), text), id);
            appends.add(new AppendRequest(new AggregateRef(ApiAccessEvent.AGGREGATE_TYPE, hostId + "/" + id),
                    AppendRequest.NEW_STREAM, List.of(event)));
            lines.add(PlannedLine.adds(outcome, List.of(id)));
        }
        return new IngestionPlan(appends, lines);
    }

    private static String otherNode(ApiCall call, String hostNode) {
        String named = call.pathNode();
        return named == null || hostNode == null || hostNode.isBlank() || named.equalsIgnoreCase(hostNode) ? null : named;
    }
}
