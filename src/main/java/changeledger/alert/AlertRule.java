package changeledger.alert;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A configured rule, checked.
 *
 * @param name        its name in configuration (part of every alert id it raises)
 * @param kind        what it fires on
 * @param hosts       the hosts it watches, or null for all
 * @param targets     the targets it sends to
 * @param burstCount  for a burst: more than this many tasks...
 * @param burstWindow ... within this window
 * @param burstTasks  the task types a burst counts
 * @param syncBound   for sync-failing: how long pulls may fail
 */
public record AlertRule(String name, AlertKind kind, Set<String> hosts, List<String> targets, int burstCount,
                        Duration burstWindow, Set<String> burstTasks, Duration syncBound) {

    /** Whether it watches this host. */
    public boolean watches(String hostId) {
        return hostId != null && (hosts == null || hosts.contains(hostId));
    }
}
