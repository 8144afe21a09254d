package changeledger.changerequest;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.eventstore.AggregateRef;
import changeledger.eventstore.StoredEvent;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Target syntax of requests and the targets of observed changes. */
class ChangeTargetTest {

    @Nested
    class Syntax {

        @Test
        void givenTheFourForms_thenValid() {
            for (String target : List.of("101", "999999999", "node", "service:pveproxy", "service:ceph-mon@pve1",
                    "storage:local-zfs", "storage:tank.backup")) {
                assertThat(ChangeTarget.isValid(target)).as(target).isTrue();
            }
        }

        @Test
        void givenAnythingElse_thenInvalid() {
            for (String target : List.of("", "99", "0101", "1000000000", "Node", "guest:101", "service:", "storage:",
                    "storage:Local", "storage:x", "service:a b", "101 ", "lxc/101")) {
                assertThat(ChangeTarget.isValid(target)).as(target).isFalse();
            }
            assertThat(ChangeTarget.isValid(null)).isFalse();
        }
    }

    @Nested
    class ObservedTasks {

        @Test
        void givenGuestTask_thenItsGuest() {
            assertThat(ChangeTarget.ofTask("qmconfig", "101")).isEqualTo("101");
            assertThat(ChangeTarget.ofTask("vzdestroy", "250")).isEqualTo("250");
        }

        @Test
        void givenServiceTask_thenTheService() {
            assertThat(ChangeTarget.ofTask("srvrestart", "pveproxy")).isEqualTo("service:pveproxy");
            assertThat(ChangeTarget.ofTask("srvreload", "networking")).isEqualTo("service:networking");
        }

        @Test
        void givenStorageCreation_thenTheStorage() {
            assertThat(ChangeTarget.ofTask("zfscreate", "tank")).isEqualTo("storage:tank");
            assertThat(ChangeTarget.ofTask("dirremove", "backup-disk")).isEqualTo("storage:backup-disk");
        }

        @Test
        void givenNodeLevelTaskOrAnIdThatIsNoGuest_thenNode() {
            assertThat(ChangeTarget.ofTask("aptupdate", "")).isEqualTo("node");
            assertThat(ChangeTarget.ofTask("reloadnetworkall", "")).isEqualTo("node");
            assertThat(ChangeTarget.ofTask("stopall", null)).isEqualTo("node");
            assertThat(ChangeTarget.ofTask("imgcopy", "100@local")).isEqualTo("node");
            assertThat(ChangeTarget.ofTask("wipedisk", "sda")).isEqualTo("node");
        }
    }

    @Nested
    class ObservedApiCalls {

        @Test
        void givenGuestPath_thenTheGuest() {
            assertThat(ChangeTarget.ofApiCall("/api2/json/nodes/pve/qemu/101/config", "101")).isEqualTo("101");
        }

        @Test
        void givenServiceOrStoragePath_thenThatTarget() {
            assertThat(ChangeTarget.ofApiCall("/api2/json/nodes/pve/services/pveproxy/restart", null))
                    .isEqualTo("service:pveproxy");
            assertThat(ChangeTarget.ofApiCall("/api2/extjs/storage/local-zfs", null)).isEqualTo("storage:local-zfs");
            assertThat(ChangeTarget.ofApiCall("/api2/json/nodes/pve/storage/tank/content/vm-101-disk-0", null))
                    .isEqualTo("storage:tank");
        }

        @Test
        void givenAnyOtherPath_thenNode() {
            assertThat(ChangeTarget.ofApiCall("/api2/json/nodes/pve/network", null)).isEqualTo("node");
            assertThat(ChangeTarget.ofApiCall("/api2/json/cluster/firewall/rules", null)).isEqualTo("node");
        }
    }

    @Test
    void givenStoredEvents_thenTasksApiCallsAndManualEntriesHaveTargetsAndOthersNone() {
        ObjectNode task = JsonNodeFactory.instance.objectNode().put("type", "qmstop").put("guestId", "101");
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("path", "/api2/json/nodes/pve/services/ssh/reload");
        ObjectNode entry = JsonNodeFactory.instance.objectNode().put("target", "storage:tank");
        ObjectNode noTarget = JsonNodeFactory.instance.objectNode().put("summary", "upgraded packages");
        assertThat(ChangeTarget.ofEvent(event("ProxmoxTaskStarted", task))).isEqualTo("101");
        assertThat(ChangeTarget.ofEvent(event("ApiChangeObserved", call))).isEqualTo("service:ssh");
        assertThat(ChangeTarget.ofEvent(event("ManualEntryRecorded", entry))).isEqualTo("storage:tank");
        assertThat(ChangeTarget.ofEvent(event("ManualEntryRecorded", noTarget))).isEqualTo("node");
        assertThat(ChangeTarget.ofEvent(event("HostRegistered", noTarget))).isNull();
    }

    private static StoredEvent event(String type, ObjectNode payload) {
        Instant now = Instant.parse("2026-11-28T20:00:00Z");
        return new StoredEvent(1, UUID.randomUUID(), new AggregateRef("X", "x"), 0, type, 1, payload,
                JsonNodeFactory.instance.objectNode(), now, now, 1);
    }
}
