package changeledger.ingestion.pull;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.host.Host;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Routing a cluster's answers to its member hosts by node (ADR 0064). */
class ClusterRoutingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Host A = new Host("host-a", "a", null, null, "pve-a", "lab", null, null);
    private static final Host B = new Host("host-b", "b", null, null, "pve-b", "lab", null, null);

    private static UpidBuilder upid(String node, long start) {
        return UpidBuilder.upid().node(node).pid(4242).startTime(Instant.ofEpochSecond(start)).type("qmstart")
                .id("100");
    }

    private static ObjectNode finished(UpidBuilder upid) {
        return TaskLines.apiFinished(upid, Instant.ofEpochSecond(1_800_000_100L), "OK");
    }

    @Test
    void givenTheSameTaskInTwoLists_thenOneSighting_andRunningAndFinishedStayTwo() {
        ClusterRouting routing = new ClusterRouting(List.of(A, B));
        UpidBuilder task = upid("pve-a", 1_800_000_000L);
        ObjectNode running = TaskLines.apiRunning(task);
        running.remove("status");

        routing.tasks(List.of(finished(task)));
        routing.tasks(List.of(finished(task), running));

        assertThat(routing.tasksOf(A)).hasSize(2).extracting(item -> item.path("status").asText())
                .containsExactly("OK", "");
        assertThat(routing.tasksOf(B)).isEmpty();
        assertThat(routing.notMembers()).isEmpty();
    }

    @Test
    void givenATaskInAnotherMembersList_thenItGoesToTheNodeOfItsUpid_andANonMemberNodeIsOnlyCounted() {
        ClusterRouting routing = new ClusterRouting(List.of(A, B));
        ObjectNode ofB = finished(upid("pve-b", 1_800_000_000L));
        ofB.put("node", "pve-a");
        ObjectNode stranger = finished(upid("pve-x", 1_800_000_001L));
        ObjectNode notAUpid = JSON.createObjectNode().put("upid", "UPID:broken").put("node", "pve-y");

        routing.tasks(List.of(ofB, stranger, notAUpid));

        assertThat(routing.tasksOf(B)).containsExactly(ofB);
        assertThat(routing.tasksOf(A)).isEmpty();
        assertThat(routing.notMembers()).containsExactly(new ClusterSyncService.NotMember("pve-x", 1, 0),
                new ClusterSyncService.NotMember("pve-y", 1, 0));
    }

    @Test
    void givenGuestsOnMembersAndElsewhere_thenEachMemberGetsItsOwn_andTheRestIsCounted() throws Exception {
        ClusterRouting routing = new ClusterRouting(List.of(A, B));
        List<JsonNode> vms = List.of(JSON.readTree("{\"vmid\":101,\"type\":\"qemu\",\"node\":\"pve-a\"}"),
                JSON.readTree("{\"vmid\":102,\"type\":\"lxc\",\"node\":\"pve-b\"}"),
                JSON.readTree("{\"vmid\":103,\"type\":\"qemu\",\"node\":\"pve-b\"}"),
                JSON.readTree("{\"vmid\":104,\"type\":\"qemu\",\"node\":\"pve-x\"}"));

        routing.guests(vms);

        assertThat(routing.guestsOf(A)).extracting(vm -> vm.path("vmid").asInt()).containsExactly(101);
        assertThat(routing.guestsOf(B)).extracting(vm -> vm.path("vmid").asInt()).containsExactly(102, 103);
        assertThat(routing.notMembers()).containsExactly(new ClusterSyncService.NotMember("pve-x", 0, 1));
    }
}
