package changeledger.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.ingestion.JournalObservation.GuestKilledObserved;
import changeledger.ingestion.JournalObservation.GuestStartObserved;
import changeledger.ingestion.JournalObservation.GuestStopObserved;
import changeledger.ingestion.JournalObservation.NodeBootObserved;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Reading a node's journal into task sightings and observations (fixture: {@code proxmox/journal/README.md}). */
class JournalReadingTest {

    static final String FIXTURE = "/proxmox/journal/pve-infra-2026-11-03.log";

    @Nested
    class TheFixtureDay {

        @Test
        void givenTheDay_whenRead_thenEveryStopKillStartAndBootIsObservedWithWhatTheLinesAroundItTell() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(fixture()));

            assertThat(reading.observed()).extracting(o -> describe(o.observation())).containsExactly(
                    "stop 101 2026-11-03T09:00:03.512887Z unknown",
                    "stop 102 2026-11-03T10:00:01.640112Z unknown",
                    "stop 103 2026-11-03T11:00:05.112560Z unknown",
                    "kill 104 qemu kvm 3301 2026-11-03T12:00:00.301911Z",
                    "stop 104 2026-11-03T12:00:00.904117Z killed",
                    "stop 101 2026-11-03T13:00:05.400188Z unknown",
                    "start 101 2026-11-03T13:00:05.702544Z",
                    "boot 4a3b9c0d5e6f47a8b1c2d3e4f5a6b7c8 2026-11-03T14:07:31.005114Z after 2026-11-03T14:00:10.883002Z"
                            + " clean=false",
                    "boot 9d8c7b6a5f4e43d2a1b0c9d8e7f6a5b4 2026-11-03T15:01:40.002277Z after 2026-11-03T15:00:00.450118Z"
                            + " clean=true");
        }

        @Test
        void givenTheDay_whenRead_thenTaskLinesAreSightingsWithTheirEndInWholeSeconds() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(fixture()));

            assertThat(reading.tasks()).hasSize(8).allMatch(t -> t instanceof LineOutcome.Accepted<TaskFact>);
            List<String> sightings = reading.tasks().stream().map(t -> ((LineOutcome.Accepted<TaskFact>) t).fact())
                    .map(f -> f.upid().type() + " " + f.upid().id() + (f.isFinished()
                            ? " " + f.end().endTime() + " " + f.end().status() : " running")).toList();
            assertThat(sightings).containsExactly("qmstart 101 running", "qmstart 101 2026-11-03T09:02:02Z OK",
                    "qmstart 103 running", "qmstart 103 2026-11-03T11:25:03Z OK", "qmstart 104 running",
                    "qmstart 104 2026-11-03T12:20:02Z OK", "qmreboot 101 running",
                    "qmreboot 101 2026-11-03T13:00:09Z OK");
        }

        @Test
        void givenTheDay_whenRead_thenTheTailIsTheLastBootWithItsLastLine() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(fixture()));

            assertThat(reading.after()).isEqualTo(new JournalTail("9d8c7b6a5f4e43d2a1b0c9d8e7f6a5b4",
                    Instant.parse("2026-11-03T15:01:40.002277Z"), false, false));
        }

        @Test
        void givenTheDayReadBefore_whenSentAgain_thenOnlyTheTaskLinesAreReadAgainAndEveryOtherLineIsIgnored() {
            List<LineOutcome<JournalEntry>> lines = parse(fixture());
            JournalTail after = JournalReading.read("infra", JournalTail.NONE, lines).after();

            JournalReading again = JournalReading.read("infra", after, lines);

            assertThat(again.observed()).isEmpty();
            assertThat(again.tasks()).hasSize(8);
            assertThat(again.other()).extracting(PlannedLine::kind).containsOnly(PlannedLine.Kind.IGNORED);
        }
    }

    @Nested
    class Boots {

        @Test
        void givenTheBootBeforeReadInAnEarlierUpload_whenTheNextStartsWithTheKernelBanner_thenItsLastLineComesFromThere() {
            JournalTail before = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T15:00:10.883002+01:00 pve-infra pvestatd[1187]: status update time (5.311 seconds)"))
                    .after();

            JournalReading next = JournalReading.read("infra", before, parse(
                    "2026-11-03T15:07:31.005114+01:00 pve-infra kernel: Linux version 6.8.12-4-pve (build@proxmox)"));

            assertThat(next.observed()).extracting(o -> describe(o.observation())).containsExactly(
                    "boot null 2026-11-03T14:07:31.005114Z after 2026-11-03T14:00:10.883002Z clean=false");
        }

        @Test
        void givenJournaldRestartedInTheBoot_whenANewBootFollows_thenTheRestartIsNoCleanShutdown() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T08:00:00.000001+01:00 pve-infra systemd-journald[372]: Journal stopped",
                    "2026-11-03T08:00:00.200000+01:00 pve-infra systemd-journald[2210]: Journal started",
                    "2026-11-03T09:00:00.000000+01:00 pve-infra pvestatd[1187]: status update time (5.311 seconds)",
                    "-- Boot 4a3b9c0d5e6f47a8b1c2d3e4f5a6b7c8 --",
                    "2026-11-03T09:05:00.000000+01:00 pve-infra kernel: Linux version 6.8.12-4-pve (build@proxmox)"));

            assertThat(reading.observed()).extracting(o -> describe(o.observation())).containsExactly(
                    "boot 4a3b9c0d5e6f47a8b1c2d3e4f5a6b7c8 2026-11-03T08:05:00Z after 2026-11-03T08:00:00Z clean=false");
        }

        @Test
        void givenJsonOutput_whenTheBootIdChanges_thenThatIsABootAndTheCursorLessLinesNeedNoMarker() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    json("1793714410883002", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "pvestatd", "status update time"),
                    json("1793714851005114", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "kernel", "Linux version 6.8.12-4-pve"),
                    json("1793714852000000", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "qmeventd", "Starting cleanup for 105"),
                    json("1793714852500000", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "qmeventd", "Finished cleanup for 105")));

            assertThat(reading.observed()).extracting(o -> describe(o.observation())).containsExactly(
                    "boot bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb 2026-11-03T14:07:31.005114Z after 2026-11-03T14:00:10.883002Z"
                            + " clean=false",
                    "stop 105 2026-11-03T14:07:32Z unknown");
        }

        @Test
        void givenNoEarlierLine_whenTheUploadStartsWithABoot_thenWhetherTheBootBeforeEndedCleanlyIsUnknown() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T15:07:31.005114+01:00 pve-infra kernel: Linux version 6.8.12-4-pve (build@proxmox)"));

            NodeBootObserved boot = (NodeBootObserved) reading.observed().get(0).observation();
            assertThat(boot.previousBootClean()).isNull();
            assertThat(boot.unclean()).isFalse();
        }
    }

    @Nested
    class Causes {

        @Test
        void givenAVerboseQmeventd_whenItPrintsTheFlags_thenTheStopCarriesThem() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T10:00:03.400000+01:00 pve-infra qmeventd[1021]: 106: executing cleanup (graceful: 0, guest: 0)",
                    "2026-11-03T10:00:03.512887+01:00 pve-infra qmeventd[1021]: Starting cleanup for 106",
                    "2026-11-03T10:00:03.790410+01:00 pve-infra qmeventd[1021]: Finished cleanup for 106",
                    "2026-11-03T10:10:03.400000+01:00 pve-infra qmeventd[1021]: 107: executing cleanup (graceful: 1, guest: 1)",
                    "2026-11-03T10:10:03.512887+01:00 pve-infra qmeventd[1021]: Starting cleanup for 107",
                    "2026-11-03T10:10:03.790410+01:00 pve-infra qmeventd[1021]: Finished cleanup for 107"));

            assertThat(reading.observed()).extracting(o -> (GuestStopObserved) o.observation())
                    .extracting(s -> s.guestId() + " " + s.cause() + " " + s.clean() + " " + s.guestRequested())
                    .containsExactly("106 crashed false false", "107 guest-requested true true");
        }

        @Test
        void givenACleanupThatAStopModeBackupAborted_whenRead_thenNoStopIsObserved() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T01:00:03.512887+01:00 pve-infra qmeventd[1021]: Starting cleanup for 101",
                    "2026-11-03T01:00:03.612887+01:00 pve-infra qmeventd[1021]: skipping cleanup - 'backup' lock is "
                            + "present and vm is running again"));

            assertThat(reading.observed()).isEmpty();
            assertThat(reading.other()).extracting(PlannedLine::kind).containsOnly(PlannedLine.Kind.IGNORED);
        }

        @Test
        void givenAContainerProcessKilledForMemory_whenRead_thenTheKillNamesTheContainerAndIsNoWholeGuest() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T10:00:00.301911+01:00 pve-infra kernel: oom-kill:constraint=CONSTRAINT_MEMCG,"
                            + "nodemask=(null),cpuset=ns,mems_allowed=0,oom_memcg=/lxc/201,"
                            + "task_memcg=/lxc/201/ns/system.slice/mariadb.service,task=mariadbd,pid=4410,uid=100110"));

            GuestKilledObserved kill = (GuestKilledObserved) reading.observed().get(0).observation();
            assertThat(kill.guestId()).isEqualTo("201");
            assertThat(kill.guestType()).isEqualTo("lxc");
            assertThat(kill.process()).isEqualTo("mariadbd");
            assertThat(kill.wholeGuest()).isFalse();
        }

        @Test
        void givenAStartedWithPidLine_whenRead_thenItIsIgnoredForItsStartTaskIsTheStart() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T10:00:00.301911+01:00 pve-infra pvedaemon[2231]: VM 101 started with PID 4242."));

            assertThat(reading.observed()).isEmpty();
        }

        @Test
        void givenACleanupStartedLongBeforeItsFinish_whenRead_thenTheStopIsAtTheFinishLine() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T01:00:03.512887+01:00 pve-infra qmeventd[1021]: Starting cleanup for 101",
                    "2026-11-03T02:00:00.000000+01:00 pve-infra qmeventd[1021]: Starting cleanup for 102",
                    "2026-11-03T02:00:01.000000+01:00 pve-infra qmeventd[1021]: Finished cleanup for 102",
                    "2026-11-03T09:00:00.000000+01:00 pve-infra qmeventd[1021]: Finished cleanup for 101"));

            assertThat(reading.observed()).extracting(o -> describe(o.observation())).containsExactly(
                    "stop 102 2026-11-03T01:00:00Z unknown", "stop 101 2026-11-03T08:00:00Z unknown");
        }

        @Test
        void givenAnEndLineWithTheWorkersOwnWording_whenRead_thenSuccessfulIsOkAndAFailureKeepsItsText() {
            JournalReading reading = JournalReading.read("infra", JournalTail.NONE, parse(
                    "2026-11-03T10:02:02.331870+01:00 pve-infra pvedaemon[1523]: <root@pam> end task "
                            + "UPID:pve-infra:0002A1F3:001C2B4D:6AE9A308:qmstart:101:root@pam: successful",
                    "2026-11-03T10:02:02.331870+01:00 pve-infra pvedaemon[1523]: <root@pam> end task "
                            + "UPID:pve-infra:0002A1F4:001C2B4D:6AE9A308:qmstart:102:root@pam: failed (255)",
                    "2026-11-03T10:02:02.331870+01:00 pve-infra pvedaemon[1523]: <root@pam> end task UPID:nonsense: OK"));

            assertThat(reading.tasks()).hasSize(3);
            assertThat(((LineOutcome.Accepted<TaskFact>) reading.tasks().get(0)).fact().end().status()).isEqualTo("OK");
            assertThat(((LineOutcome.Accepted<TaskFact>) reading.tasks().get(1)).fact().end().status())
                    .isEqualTo("failed (255)");
            assertThat(reading.tasks().get(2)).isInstanceOf(LineOutcome.Rejected.class);
        }
    }

    static String describe(JournalObservation observation) {
        if (observation instanceof GuestStopObserved stop) {
            return "stop " + stop.guestId() + " " + stop.at() + " " + stop.cause();
        }
        if (observation instanceof GuestKilledObserved kill) {
            return "kill " + kill.guestId() + " " + kill.guestType() + " " + kill.process() + " " + kill.pid() + " "
                    + kill.at();
        }
        if (observation instanceof GuestStartObserved start) {
            return "start " + start.guestId() + " " + start.at();
        }
        NodeBootObserved boot = (NodeBootObserved) observation;
        return "boot " + boot.bootId() + " " + boot.at() + " after " + boot.previousLastLineAt() + " clean="
                + boot.previousBootClean();
    }

    @Nested
    class ClusterLines {

        private String cluster(String name) {
            try (InputStream in = JournalReadingTest.class.getResourceAsStream("/proxmox/journal/cluster/" + name)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        @Test
        void givenALossOfQuorum_whenRead_thenCorosyncAndPmxcfsLinesAreObservedAndTheRestIgnored() {
            JournalReading reading = JournalReading.read("a", JournalTail.NONE,
                    parse(cluster("pve-a-quorum-loss.log")));

            assertThat(reading.observed()).extracting(o -> o.observation().type() + " " + clusterDetail(o
                    .observation()) + " " + o.observation().at()).containsExactly(
                    "ClusterMembersObserved 1.2f [] [2] 2026-11-12T10:00:00Z",
                    "QuorumChangeObserved corosync false 2026-11-12T10:00:00Z",
                    "QuorumChangeObserved pmxcfs false 2026-11-12T10:00:00.213560Z",
                    "ClusterMembersObserved 1.33 [2] [] 2026-11-12T10:02:58Z",
                    "QuorumChangeObserved corosync true 2026-11-12T10:02:58Z",
                    "QuorumChangeObserved pmxcfs true 2026-11-12T10:02:58.104211Z");
            // KNET link down, the failed leave message, Members[n] twice, the dfsm members line
            assertThat(reading.other()).hasSize(5);
        }

        @Test
        void givenAFencing_whenRead_thenTheFencedNodeIsObservedWithItsHostAndTheStateChangesIgnored() {
            JournalReading reading = JournalReading.read("a", JournalTail.NONE, parse(cluster("pve-a-fencing.log")),
                    node -> "pve-c".equals(node) ? "host-c" : null);

            assertThat(reading.observed()).hasSize(1);
            JournalObservation.NodeFencedObserved fenced =
                    (JournalObservation.NodeFencedObserved) reading.observed().get(0).observation();
            assertThat(fenced.node()).isEqualTo("pve-c");
            assertThat(fenced.fencedHostId()).isEqualTo("host-c");
            assertThat(fenced.at()).isEqualTo(java.time.Instant.parse("2026-11-14T08:02:12.700410Z"));
            assertThat(reading.other()).hasSize(5);
        }

        private String clusterDetail(JournalObservation observation) {
            if (observation instanceof JournalObservation.QuorumChangeObserved quorum) {
                return quorum.source() + " " + quorum.quorate();
            }
            JournalObservation.ClusterMembersObserved members = (JournalObservation.ClusterMembersObserved) observation;
            return members.ringId() + " " + members.joined() + " " + members.left();
        }
    }

    static String fixture() {
        try (InputStream in = JournalReadingTest.class.getResourceAsStream(FIXTURE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String json(String realtime, String bootId, String identifier, String message) {
        return "{\"__CURSOR\":\"s=0;i=1;b=" + bootId + ";m=1;t=" + realtime + ";x=0\",\"__REALTIME_TIMESTAMP\":\""
                + realtime + "\",\"_BOOT_ID\":\"" + bootId + "\",\"SYSLOG_IDENTIFIER\":\"" + identifier
                + "\",\"_PID\":\"1021\",\"MESSAGE\":\"" + message + "\",\"_HOSTNAME\":\"pve-infra\"}";
    }

    private static List<LineOutcome<JournalEntry>> parse(String... lines) {
        List<LineOutcome<JournalEntry>> parsed = new ArrayList<>();
        int number = 0;
        for (String text : lines) {
            for (String line : text.split("\n")) {
                number++;
                if (!line.isBlank()) {
                    parsed.add(JournalLineParser.parse(number, line));
                }
            }
        }
        return parsed;
    }
}
