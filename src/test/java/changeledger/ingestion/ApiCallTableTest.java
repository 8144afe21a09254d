package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The table of access-log calls (PROXMOX.md "Access-log calls"), read from proxmox/access-log-calls.tsv. */
class ApiCallTableTest {

    private static final ApiCallTable TABLE = ApiCallTable.builtIn();
    private static final TaskClassTable CLASSES = TaskClassTable.builtIn();

    @ParameterizedTest(name = "{0} {1} -> {2}, spawns [{3}]")
    @CsvSource(delimiter = ';', value = {
        "POST;/api2/json/nodes/pve/qemu/101/status/start;start;qmstart hastart",
        "POST;/api2/extjs/nodes/pve/lxc/200/status/shutdown;disruptive;vzshutdown hastop",
        "POST;/api2/json/nodes/pve/qemu/101/config;change;qmconfig",
        "PUT;/api2/json/nodes/pve/qemu/101/config;change;",
        "PUT;/api2/json/nodes/pve/lxc/200/config?delete=mp0;change;",
        "DELETE;/api2/json/nodes/pve/qemu/101;change;qmdestroy",
        "DELETE;/api2/json/nodes/pve/qemu/101/snapshot/before-upgrade;change;qmdelsnapshot",
        "POST;/api2/json/nodes/pve/qemu;change;qmcreate qmrestore",
        "POST;/api2/json/nodes/pve/apt/update;routine;aptupdate",
        "PUT;/api2/json/nodes/pve/network;change;srvreload",
        "POST;/api2/json/nodes/pve/services/pveproxy/restart;disruptive;srvrestart",
        "PUT;/api2/json/cluster/firewall/options;change;",
        "POST;/api2/json/nodes/pve/qemu/101/agent/exec;change;",
        "PUT;/api2/json/nodes/pve/dns;change;"
    })
    void givenAChange_whenClassified_thenItsClassAndSpawnedTypes(String method, String path, String taskClass,
                                                                  String spawns) {
        ApiCallKind kind = TABLE.classify(method, path);
        assertThat(kind.change()).isTrue();
        assertThat(kind.taskClass(CLASSES).json()).isEqualTo(taskClass);
        assertThat(kind.spawns()).isEqualTo(spawns == null ? List.of() : List.of(spawns.split(" ")));
    }

    @ParameterizedTest(name = "{0} {1} is not a change")
    @CsvSource(delimiter = ';', value = {
        "POST;/api2/json/access/ticket",
        "POST;/api2/json/nodes/pve/qemu/101/vncproxy",
        "POST;/api2/json/nodes/pve/lxc/200/termproxy",
        "POST;/api2/json/nodes/pve/vncshell",
        "POST;/api2/json/nodes/pve/qemu/101/mtunnel",
        "POST;/api2/json/nodes/pve/qemu/101/agent/ping",
        "POST;/api2/json/nodes/pve/qemu/101/agent/fsfreeze-status",
        "POST;/api2/json/nodes/pve/qemu/101/agent/get-osinfo"
    })
    void givenNoChange_whenClassified_thenNotAChange(String method, String path) {
        assertThat(TABLE.classify(method, path).change()).isFalse();
    }

    @Test
    void givenSecurityCalls_whenClassified_thenFlagged() {
        assertThat(TABLE.classify("PUT", "/api2/json/access/acl").security()).isTrue();
        assertThat(TABLE.classify("POST", "/api2/json/access/users/alice@pve/token/ci").security()).isTrue();
        assertThat(TABLE.classify("PUT", "/api2/json/nodes/pve/qemu/101/firewall/options").security()).isTrue();
        assertThat(TABLE.classify("POST", "/api2/json/cluster/notifications/endpoints/webhook").security()).isTrue();
        assertThat(TABLE.classify("POST", "/api2/json/nodes/pve/qemu/101/agent/set-user-password").security())
                .isTrue();
        assertThat(TABLE.classify("PUT", "/api2/json/nodes/pve/qemu/101/config").security()).isFalse();
    }

    @Test
    void givenAPrefixSpawn_whenATaskTypeIsChecked_thenThePrefixMatches() {
        ApiCallKind ceph = TABLE.classify("POST", "/api2/json/nodes/pve/ceph/mon/pve");
        assertThat(ceph.spawns("cephcreatemon")).isTrue();
        assertThat(ceph.spawns("qmstart")).isFalse();
    }

    @Test
    void givenATableWithoutACatchAllRow_whenBuilt_thenRefused() {
        List<ApiCallTable.Row> rows = ApiCallTable.parse(List.of("POST\t/access/ticket\taccess\t-\tnot-a-change"));
        assertThatThrownBy(() -> new ApiCallTable(rows)).hasMessageContaining("every path");
        assertThatThrownBy(() -> ApiCallTable.parse(List.of("GET\t/x\tchange\t-\t-")))
                .hasMessageContaining("line 1");
    }
}
