package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskClassTableTest {

    private final TaskClassTable table = TaskClassTable.builtIn();

    @Nested
    class Classes {

        @ParameterizedTest
        @CsvSource({
            "qmstop, DISRUPTIVE", "qmigrate, DISRUPTIVE", "bulk-migrate, DISRUPTIVE", "reloadnetworkall, DISRUPTIVE",
            "qmcreate, CHANGE", "qmdelsnapshot, CHANGE", "move_volume, CHANGE", "auth-realm-sync, CHANGE",
            "zfscreate, CHANGE", "clustercreate, CHANGE",
            "qmstart, START", "bulk-start, START", "srvstart, START",
            "vzdump, ROUTINE", "auth-realm-sync-test, ROUTINE", "vzmtunnel, ROUTINE",
            "vncproxy, ACCESS", "pbs-download, ACCESS", "pull_file, ACCESS"
        })
        void givenKnownType_whenClassifying_thenTheTableClass(String type, TaskClass expected) {
            assertThat(table.classify(type)).isEqualTo(expected);
        }

        @ParameterizedTest
        @ValueSource(strings = {"cephdestroyosd", "cephdestroymon", "cephdestroypool"})
        void givenCephDestroyType_whenClassifying_thenDisruptiveByPrefix(String type) {
            assertThat(table.classify(type)).isEqualTo(TaskClass.DISRUPTIVE);
        }

        @Test
        void givenCephCreateType_whenClassifying_thenChangeByPrefix() {
            assertThat(table.classify("cephcreateosd")).isEqualTo(TaskClass.CHANGE);
        }

        @ParameterizedTest
        @ValueSource(strings = {"somethingnew", "qmstartx", "", "QMSTART"})
        void givenUnlistedType_whenClassifying_thenUnknown(String type) {
            assertThat(table.classify(type)).isEqualTo(TaskClass.UNKNOWN);
        }
    }

    @Nested
    class Windows {

        @ParameterizedTest
        @CsvSource({
            "qmshutdown, GUEST_STOP_UNTIL_START", "hastop, GUEST_STOP_UNTIL_START",
            "bulk-suspend, NODE_STOP_UNTIL_START", "srvstop, NODE_STOP_UNTIL_START",
            "qmrestore, TASK_ITSELF", "clusterjoin, TASK_ITSELF",
            "hamigrate, MIGRATION", "qmdestroy, DESTROY_CLOSES_WINDOW",
            "qmstart, NONE", "vzdump, NONE", "somethingnew, NONE"
        })
        void givenType_whenAskingItsWindow_thenTheTableWindow(String type, DisruptionWindow expected) {
            assertThat(table.window(type)).isEqualTo(expected);
        }

        @Test
        void givenWindowNames_whenWritten_thenHyphenatedLowerCase() {
            assertThat(DisruptionWindow.GUEST_STOP_UNTIL_START.json()).isEqualTo("guest-stop-until-start");
            assertThat(DisruptionWindow.fromText("destroy-closes-window")).isEqualTo(DisruptionWindow.DESTROY_CLOSES_WINDOW);
        }
    }

    @Nested
    class Overrides {

        @Test
        void givenHostOverride_whenClassifying_thenOverrideWinsOnlyForThatType() {
            TaskClassTable host = table.withOverrides(Map.of("vzdump", TaskClass.DISRUPTIVE), Map.of());

            assertThat(host.classify("vzdump")).isEqualTo(TaskClass.DISRUPTIVE);
            assertThat(host.classify("qmstart")).isEqualTo(TaskClass.START);
            assertThat(table.classify("vzdump")).isEqualTo(TaskClass.ROUTINE);
        }

        @Test
        void givenPrefixOverride_whenClassifying_thenItBeatsBuiltInExactTypes() {
            TaskClassTable host = table.withOverrides(Map.of("qm*", TaskClass.ROUTINE), Map.of());

            assertThat(host.classify("qmstop")).isEqualTo(TaskClass.ROUTINE);
            assertThat(host.classify("vzstop")).isEqualTo(TaskClass.DISRUPTIVE);
        }

        @Test
        void givenWindowOverride_whenAskingItsWindow_thenOverrideWins() {
            TaskClassTable host = table.withOverrides(Map.of(), Map.of("srvreload", DisruptionWindow.NONE));

            assertThat(host.window("srvreload")).isEqualTo(DisruptionWindow.NONE);
            assertThat(host.window("srvrestart")).isEqualTo(DisruptionWindow.TASK_ITSELF);
        }

        @Test
        void givenBareStarPattern_whenBuilding_thenRefused() {
            assertThatThrownBy(() -> table.withOverrides(Map.of("*", TaskClass.CHANGE), Map.of()))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void givenLongerPrefix_whenClassifying_thenLongestPrefixWins() {
            TaskTypeTable<TaskClass> prefixes = TaskTypeTable.of(Map.of("ceph*", TaskClass.CHANGE,
                    "cephdestroy*", TaskClass.DISRUPTIVE));

            assertThat(prefixes.lookup("cephdestroyosd")).contains(TaskClass.DISRUPTIVE);
            assertThat(prefixes.lookup("cephsetflags")).contains(TaskClass.CHANGE);
        }
    }

    @Nested
    class Failure {

        @ParameterizedTest
        @ValueSource(strings = {"OK", "WARNINGS: 1", "WARNINGS: 2", "WARNINGS: 17"})
        void givenOkOrWarnings_whenChecking_thenNotFailed(String status) {
            assertThat(TaskStatus.failed(status)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"job errors", "received interrupt", "migration aborted",
            "command 'ifreload -a' failed: exit code 1", "VM quit/powerdown failed - got timeout",
            "unexpected status", "WARNINGS:", "WARNINGS: many", "ok"})
        void givenAnythingElse_whenChecking_thenFailed(String status) {
            assertThat(TaskStatus.failed(status)).isTrue();
        }

        @Test
        void givenUnknownClassName_whenReading_thenRefusedNamingTheClasses() {
            assertThatThrownBy(() -> TaskClass.fromText("chnage")).hasMessageContaining("disruptive");
            assertThat(TaskClass.fromText("Change")).isEqualTo(TaskClass.CHANGE);
        }
    }
}
