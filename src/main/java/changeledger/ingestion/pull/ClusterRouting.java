package changeledger.ingestion.pull;

import changeledger.host.Host;
import changeledger.ingestion.InvalidUpidException;
import changeledger.ingestion.TaskStatus;
import changeledger.ingestion.Upid;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Routes what a cluster's API returned to the member hosts by node: a task to the member whose {@code node} is the
 * node in its UPID (never by the list it came in), a guest to the member whose node {@code /cluster/resources} places
 * it on. What belongs to a node that is no member host is counted, never routed.
 */
final class ClusterRouting {

    private final Map<String, Host> byNode = new TreeMap<>();
    private final Map<String, Map<String, JsonNode>> tasks = new LinkedHashMap<>();
    private final Map<String, List<JsonNode>> guests = new TreeMap<>();
    private final Map<String, int[]> strangers = new TreeMap<>();

    ClusterRouting(List<Host> members) {
        for (Host member : members) {
            byNode.put(member.node(), member);
            tasks.put(member.id(), new LinkedHashMap<>());
        }
    }

    /**
     * Routes task items, each distinct sighting once: the same task from two lists is one, a task seen running and
     * seen finished stays two (ingestion makes one start and one finish of them).
     */
    void tasks(List<JsonNode> items) {
        for (JsonNode item : items) {
            String upid = item.path("upid").asText("");
            String node;
            try {
                node = Upid.parse(upid).node();
            } catch (InvalidUpidException e) {
                node = item.path("node").asText("(no node)");
            }
            Host member = byNode.get(node);
            if (member == null) {
                strangers.computeIfAbsent(node, n -> new int[2])[0]++;
                continue;
            }
            String status = item.path("status").asText("");
            boolean finished = !status.isEmpty() && !TaskStatus.RUNNING.equals(status);
            tasks.get(member.id()).putIfAbsent(upid + (finished ? " finished" : " running"), item);
        }
    }

    /** Places the items of {@code /cluster/resources?type=vm} on their nodes. */
    void guests(List<JsonNode> vms) {
        for (JsonNode vm : vms) {
            String node = vm.path("node").asText("");
            if (byNode.containsKey(node)) {
                guests.computeIfAbsent(node, n -> new ArrayList<>()).add(vm);
            } else {
                strangers.computeIfAbsent(node, n -> new int[2])[1]++;
            }
        }
    }

    /** The task items routed to a member. */
    List<JsonNode> tasksOf(Host member) {
        return new ArrayList<>(tasks.get(member.id()).values());
    }

    /** The guests placed on a member's node. */
    List<JsonNode> guestsOf(Host member) {
        return guests.getOrDefault(member.node(), List.of());
    }

    /** The nodes that are no member host, with what of them was not stored. */
    List<ClusterSyncService.NotMember> notMembers() {
        List<ClusterSyncService.NotMember> nodes = new ArrayList<>();
        strangers.forEach((node, counts) -> nodes.add(new ClusterSyncService.NotMember(node, counts[0], counts[1])));
        return nodes;
    }
}
