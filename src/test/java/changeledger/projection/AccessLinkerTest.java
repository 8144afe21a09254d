package changeledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import changeledger.ingestion.ApiCallKind;
import changeledger.ingestion.ApiCallTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How an access-log call is linked to the task it spawned (PROXMOX.md "Access-log calls"): only a task type it spawns,
 * the same guest when its path names one, within 5 s, one call to one task, whatever order the events arrive in.
 */
class AccessLinkerTest {

    private static final Instant T = Instant.parse("2026-11-10T12:00:00Z");
    private static final Pattern GUEST = Pattern.compile("/api2/json/nodes/[^/]+/(?:qemu|lxc)/(\\d+).*");

    private long positions;

    @Nested
    class Rule {

        @Test
        void givenStartCallWithinFiveSecondsEitherWay_whenChecked_thenItMayLinkToTheStart() {
            StatsItem call = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T);
            for (int seconds = -5; seconds <= 5; seconds++) {
                StatsItem task = task("101", "qmstart", T.plusSeconds(seconds), "s" + seconds);
                assertThat(TaskLinkRule.mayLink(call.asCall(), task.asTask())).as("%d s", seconds).isTrue();
            }
            assertThat(TaskLinkRule.mayLink(call.asCall(), task("101", "qmstart", T.plusSeconds(6), "late").asTask()))
                    .isFalse();
        }

        @Test
        void givenStartCall_whenTaskIsAnotherTypeOrGuest_thenItMayNotLink() {
            StatsItem call = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T);
            assertThat(TaskLinkRule.mayLink(call.asCall(), task("101", "qmconfig", T, "a").asTask())).isFalse();
            assertThat(TaskLinkRule.mayLink(call.asCall(), task("102", "qmstart", T, "b").asTask())).isFalse();
            assertThat(TaskLinkRule.mayLink(call.asCall(), task("101", "hastart", T, "c").asTask())).isTrue();
        }

        @Test
        void givenSynchronousConfigPut_whenAnyTaskIsNear_thenItNeverLinks() {
            StatsItem put = call("PUT", "/api2/json/nodes/pve/qemu/101/config", T);
            assertThat(put.linkable()).isFalse();
            assertThat(put.linkTypes()).isEmpty();
        }

        @Test
        void givenCreateCallThatNamesNoGuest_whenTheCreateTaskOfTheNewGuestStarts_thenItMayLink() {
            StatsItem create = call("POST", "/api2/json/nodes/pve/qemu", T);
            assertThat(TaskLinkRule.mayLink(create.asCall(), task("105", "qmcreate", T.plusSeconds(1), "c").asTask()))
                    .isTrue();
        }
    }

    @Nested
    class WhatReallyHappens {

        @Test
        void givenConfigPutThenStartPost_whenTheStartTaskArrivesBeforeOrAfter_thenOneChangeAndOneStart() {
            StatsItem put = call("PUT", "/api2/json/nodes/pve/qemu/101/config", T);
            StatsItem post = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.plusSeconds(2));
            StatsItem start = task("101", "qmstart", T.plusSeconds(2), "start");
            for (List<StatsItem> order : List.of(List.of(put, post, start), List.of(start, put, post),
                    List.of(put, start, post))) {
                List<StatsItem> stored = replay(order);
                assertThat(counted(stored)).as("%s", order).containsExactly(put.position());
                assertThat(find(stored, post).linkedTaskPosition()).isEqualTo(start.position());
            }
        }

        @Test
        void givenFirewallPutBesideANodeConsole_whenLinked_thenThePutCounts() {
            StatsItem firewall = call("PUT", "/api2/json/cluster/firewall/options", T);
            StatsItem console = task(null, "vncshell", T.plusSeconds(1), "shell");
            List<StatsItem> stored = replay(List.of(console, firewall));
            assertThat(counted(stored)).containsExactly(firewall.position());
        }

        @Test
        void givenAptUpdateBesideFiveNodeChanges_whenLinked_thenOnlyTheUpdateCallIsLinked() {
            List<StatsItem> events = new ArrayList<>();
            StatsItem update = call("POST", "/api2/json/nodes/pve/apt/update", T);
            events.add(update);
            events.add(task(null, "aptupdate", T.plusSeconds(1), "apt"));
            List<String> paths = List.of("/api2/json/nodes/pve/dns", "/api2/json/nodes/pve/time",
                    "/api2/json/cluster/options", "/api2/json/nodes/pve/hosts", "/api2/json/nodes/pve/network/vmbr1");
            for (int i = 0; i < paths.size(); i++) {
                events.add(call(i % 2 == 0 ? "PUT" : "POST", paths.get(i), T.plusSeconds(i - 2)));
            }
            List<StatsItem> stored = replay(events);
            assertThat(counted(stored)).hasSize(5).doesNotContain(update.position());
        }

        @Test
        void givenTwoStartCallsAndOneStart_whenLinked_thenOneCallLinksAndTheOtherCounts() {
            StatsItem first = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T);
            StatsItem second = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.plusSeconds(3));
            StatsItem start = task("101", "qmstart", T.plusSeconds(1), "start");
            List<StatsItem> stored = replay(List.of(second, start, first));
            assertThat(find(stored, first).linkedTaskPosition()).isEqualTo(start.position());
            assertThat(counted(stored)).containsExactly(second.position());
        }

        @Test
        void givenCallLinkedToAFartherTask_whenANearerCallTakesIt_thenTheFirstMovesToAnotherTask() {
            StatsItem early = task("101", "qmstart", T.minusSeconds(4), "early");
            StatsItem call = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T);
            StatsItem late = task("101", "qmstart", T.plusSeconds(5), "late");
            StatsItem nearer = call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.minusSeconds(4));
            List<StatsItem> stored = replay(List.of(early, call, late, nearer));
            assertThat(find(stored, nearer).linkedTaskPosition()).isEqualTo(early.position());
            assertThat(find(stored, call).linkedTaskPosition()).isEqualTo(late.position());
        }
    }

    @Nested
    class Order {

        @Test
        void givenManyArrivalOrders_whenEventsComeOneBatchEach_thenLinksAreTheSame() {
            List<StatsItem> events = List.of(
                    call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.minusSeconds(3)),
                    task("101", "qmstart", T, "a"),
                    call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.plusSeconds(4)),
                    task("101", "qmstart", T.plusSeconds(8), "b"),
                    call("POST", "/api2/json/nodes/pve/qemu/101/status/start", T.plusSeconds(14)),
                    call("PUT", "/api2/json/nodes/pve/qemu/101/config", T.plusSeconds(1)),
                    call("POST", "/api2/json/nodes/pve/services/pveproxy/restart", T.plusSeconds(2)),
                    task(null, "srvrestart", T.plusSeconds(3), "n"));
            List<StatsItem> expected = replay(events);
            Random random = new Random(42);
            for (int round = 0; round < 20; round++) {
                List<StatsItem> shuffled = new ArrayList<>(events);
                Collections.shuffle(shuffled, random);
                assertThat(replay(shuffled)).as("%s", shuffled).containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(expected).filteredOn(i -> i.kind() == StatsItem.Kind.ACCESS && i.counted())
                    .extracting(StatsItem::occurredAt).containsExactlyInAnyOrder(T.plusSeconds(14), T.plusSeconds(1));
        }

        @Test
        void givenAChainReachingTheEdgeOfTheLoadedRange_whenChecked_thenTheRangeGrowsPastIt() {
            StatsItem fresh = task("101", "qmstart", T, "fresh");
            List<StatsItem> stored = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                stored.add(task("101", "qmstart", T.minusSeconds(4L * i), "s" + i));
            }
            AccessLinker.Range loaded = new AccessLinker.Range("infra", T.minusSeconds(10), T.plusSeconds(10));
            List<AccessLinker.Range> wider = AccessLinker.incomplete(stored, List.of(fresh), List.of(loaded));
            assertThat(wider).singleElement().satisfies(range -> {
                assertThat(range.low()).isBefore(T.minusSeconds(16).minus(TaskLinkRule.WINDOW));
                assertThat(range.high()).isEqualTo(loaded.high());
            });
            AccessLinker.Range all = new AccessLinker.Range("infra", T.minus(Duration.ofMinutes(1)), T.plusSeconds(10));
            assertThat(AccessLinker.incomplete(stored, List.of(fresh), List.of(all))).isEmpty();
        }
    }

    /** Feeds events one batch each, keeping the store as the projection would; returns the stored items. */
    private static List<StatsItem> replay(List<StatsItem> events) {
        List<StatsItem> store = new ArrayList<>();
        for (StatsItem event : events) {
            AccessLinker.Outcome outcome = AccessLinker.link(List.copyOf(store), List.of(event));
            for (StatsItem changed : outcome.relinked()) {
                store.replaceAll(i -> i.position() == changed.position() ? changed : i);
            }
            store.addAll(outcome.fresh());
        }
        return store;
    }

    private static List<Long> counted(List<StatsItem> stored) {
        return stored.stream().filter(i -> i.kind() == StatsItem.Kind.ACCESS && i.counted()).map(StatsItem::position)
                .toList();
    }

    private static StatsItem find(List<StatsItem> stored, StatsItem item) {
        return stored.stream().filter(i -> i.position() == item.position()).findFirst().orElseThrow();
    }

    private StatsItem task(String guest, String type, Instant start, String upid) {
        return new StatsItem(++positions, UUID.nameUUIDFromBytes(upid.getBytes()), "infra", StatsItem.Kind.TASK,
                "infra/UPID:" + upid, guest, "change", start, true, null, null, List.of(type),
                guest == null ? "node" : guest, null, false, false, null);
    }

    private StatsItem call(String method, String path, Instant time) {
        long position = ++positions;
        ApiCallKind kind = ApiCallTable.builtIn().classify(method, path);
        Matcher guest = GUEST.matcher(path);
        return new StatsItem(position, UUID.nameUUIDFromBytes((method + path + time).getBytes()), "infra",
                StatsItem.Kind.ACCESS, "infra/" + position, guest.matches() ? guest.group(1) : null, "change", time,
                true, null, null, kind.spawns(), guest.matches() ? guest.group(1) : "node", null, kind.security(),
                false, null);
    }
}
