package changeledger.projection;

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

/** The targets of observed changes: tasks, API calls and manual entries. */
class ObservedTargetTest {

    @Nested
    class ObservedTasks {

        @Test
        void givenGuestTask_thenItsGuest() {
            assertThat(ObservedTarget.ofTask("qmconfig", "101")).isEqualTo("101");
            assertThat(ObservedTarget.ofTask("vzdestroy", "250")).isEqualTo("250");
        }

        @Test
        void givenServiceTask_thenTheService() {
            assertThat(ObservedTarget.ofTask("srvrestart", "pveproxy")).isEqualTo("service:pveproxy");
            assertThat(ObservedTarget.ofTask("srvreload", "networking")).isEqualTo("service:networking");
        }

        @Test
        void givenStorageCreation_thenTheStorage() {
            assertThat(ObservedTarget.ofTask("zfscreate", "tank")).isEqualTo("storage:tank");
            assertThat(ObservedTarget.ofTask("dirremove", "backup-disk")).isEqualTo("storage:backup-disk");
        }

        @Test
        void givenNodeLevelTaskOrAnIdThatIsNoGuest_thenNode() {
            assertThat(ObservedTarget.ofTask("aptupdate", "")).isEqualTo("node");
            assertThat(ObservedTarget.ofTask("reloadnetworkall", "")).isEqualTo("node");
            assertThat(ObservedTarget.ofTask("stopall", null)).isEqualTo("node");
            assertThat(ObservedTarget.ofTask("imgcopy", "100@local")).isEqualTo("node");
            assertThat(ObservedTarget.ofTask("wipedisk", "sda")).isEqualTo("node");
        }
    }

    @Nested
    class ObservedApiCalls {

        @Test
        void givenGuestPath_thenTheGuest() {
            assertThat(ObservedTarget.ofApiCall("/api2/json/nodes/pve/qemu/101/config", "101", false)).isEqualTo("101");
        }

        @Test
        void givenServiceOrStoragePath_thenThatTarget() {
            assertThat(ObservedTarget.ofApiCall("/api2/json/nodes/pve/services/pveproxy/restart", null, false))
                    .isEqualTo("service:pveproxy");
            assertThat(ObservedTarget.ofApiCall("/api2/extjs/storage/local-zfs", null, false)).isEqualTo("storage:local-zfs");
            assertThat(ObservedTarget.ofApiCall("/api2/json/nodes/pve/storage/tank/content/vm-101-disk-0", null, false))
                    .isEqualTo("storage:tank");
        }

        @Test
        void givenSecurityClusterAndOtherPaths_thenSecurityClusterOrNode() {
            assertThat(ObservedTarget.ofApiCall("/api2/json/nodes/pve/network", null, false)).isEqualTo("node");
            assertThat(ObservedTarget.ofApiCall("/api2/json/cluster/firewall/rules", null, true)).isEqualTo("security");
            assertThat(ObservedTarget.ofApiCall("/api2/json/nodes/pve/qemu/101/firewall/options", "101", true))
                    .isEqualTo("security");
            assertThat(ObservedTarget.ofApiCall("/api2/json/cluster/options", null, false)).isEqualTo("cluster");
            assertThat(ObservedTarget.ofApiCall("/api2/json/cluster/ha/resources/vm:101", null, false))
                    .isEqualTo("cluster");
        }
    }

    @Test
    void givenStoredEvents_thenTasksApiCallsAndManualEntriesHaveTargetsAndOthersNone() {
        ObjectNode task = JsonNodeFactory.instance.objectNode().put("type", "qmstop").put("guestId", "101");
        ObjectNode call = JsonNodeFactory.instance.objectNode().put("path", "/api2/json/nodes/pve/services/ssh/reload");
        ObjectNode entry = JsonNodeFactory.instance.objectNode().put("target", "storage:tank");
        ObjectNode noTarget = JsonNodeFactory.instance.objectNode().put("summary", "upgraded packages");
        assertThat(ObservedTarget.ofEvent(event("ProxmoxTaskStarted", task))).isEqualTo("101");
        assertThat(ObservedTarget.ofEvent(event("ApiChangeObserved", call))).isEqualTo("service:ssh");
        assertThat(ObservedTarget.ofEvent(event("ManualEntryRecorded", entry))).isEqualTo("storage:tank");
        assertThat(ObservedTarget.ofEvent(event("ManualEntryRecorded", noTarget))).isEqualTo("node");
        assertThat(ObservedTarget.ofEvent(event("HostRegistered", noTarget))).isNull();
    }

    private static StoredEvent event(String type, ObjectNode payload) {
        Instant now = Instant.parse("2026-11-28T20:00:00Z");
        return new StoredEvent(1, UUID.randomUUID(), new AggregateRef("X", "x"), 0, type, 1, payload,
                JsonNodeFactory.instance.objectNode(), now, now, 1);
    }
}
