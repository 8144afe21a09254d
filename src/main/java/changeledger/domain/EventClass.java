package changeledger.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The class of an indexed event, as the read models store it and the API names it (PROXMOX.md "Task classes"). */
public enum EventClass {
    /** A change to a guest, storage, node or cluster configuration, or an access-log change. */
    CHANGE,
    /** Stops, reboots, rollbacks, destroys, migrations, service restarts. */
    DISRUPTIVE,
    /** Starts and resumes: they end a disruption. */
    START,
    /** Backups, package list updates, certificate renewals. */
    ROUTINE,
    /** Consoles and file pulls: shown, not a change. */
    ACCESS,
    /** A task type the class table does not know. */
    UNKNOWN,
    /** A manual journal entry of kind change. */
    MANUAL,
    /**
     * What went wrong on its own, as Proxmox's notifications and the node's journal show it (fencing, a memory kill, a
     * crash, a boot after no clean shutdown): never in the change budget.
     */
    INCIDENT;

    /**
     * The classes of observed changes: what a change request links and the monthly budget counts. Starts, routine
     * work and console access are never changes.
     */
    public static final Set<EventClass> CHANGES = Set.copyOf(EnumSet.of(CHANGE, DISRUPTIVE, MANUAL));

    /** The classes of tasks and access-log calls that change something: what may explain a configuration drift. */
    public static final Set<EventClass> EXPLAINING_DRIFT = Set.copyOf(EnumSet.of(CHANGE, DISRUPTIVE));

    /** Whether a stored class name is one of {@code classes}. */
    public static boolean in(String name, Collection<EventClass> classes) {
        return fromJson(name).map(classes::contains).orElse(false);
    }

    /** The name stored in the read models and used in the API: lower case. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The class of a stored name, if it is one. */
    public static Optional<EventClass> fromJson(String name) {
        for (EventClass value : values()) {
            if (value.json().equals(name)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** The names of {@code classes}, in declaration order. */
    public static List<String> names(Collection<EventClass> classes) {
        return EnumSet.copyOf(classes).stream().map(EventClass::json).toList();
    }

    /** An SQL list of the names of {@code classes}, such as {@code ('change', 'manual')}, for an {@code in}. */
    public static String sqlList(Collection<EventClass> classes) {
        return names(classes).stream().map(name -> "'" + name + "'").collect(Collectors.joining(", ", "(", ")"));
    }
}
