package changeledger.ingestion;

import java.util.Locale;

/** Which disruption window a task type opens (PROXMOX.md "Disruption windows"). */
public enum DisruptionWindow {
    /** Opens no window. */
    NONE,
    /** A guest stop: from the task's start until the end of the next start-class task of that guest. */
    GUEST_STOP_UNTIL_START,
    /** A node or service stop: until the next {@code startall}/{@code bulk-start} or service start. */
    NODE_STOP_UNTIL_START,
    /** The task itself, from its start to its end. */
    TASK_ITSELF,
    /**
     * A migration that can be live (ADR 0065): a running guest moves without a window, a failed migration is the task
     * itself; a stopped guest moves offline and its stop window goes with it to its start on the target host. On a
     * node ({@code migrateall}, {@code bulk-migrate}) the task itself, marked as a migration.
     */
    MIGRATION,
    /**
     * A migration that restarts a running guest (a container's {@code vzmigrate}, ADR 0065): the task itself, from the
     * shutdown on the source to the start on the target, marked as a migration; a stopped guest moves offline as with
     * {@link #MIGRATION}.
     */
    RESTART_MIGRATION,
    /** The task itself; it closes any open window of that guest. */
    DESTROY_CLOSES_WINDOW,
    /**
     * No window of its own; it ends an open window of that guest at its start, and later stops of the guest add
     * nothing until it starts again (a template conversion).
     */
    CLOSES_WINDOW;

    /** The name used in the table, configuration and payloads, e.g. {@code guest-stop-until-start}. */
    public String json() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether it is one of the two migration kinds. */
    public boolean migration() {
        return this == MIGRATION || this == RESTART_MIGRATION;
    }

    /**
     * Reads a window name as written in the table or configuration.
     *
     * @throws IllegalArgumentException naming the known windows
     */
    public static DisruptionWindow fromText(String text) {
        for (DisruptionWindow value : values()) {
            if (value.json().equalsIgnoreCase(text.trim()) || value.name().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown disruption window '" + text + "': expected none, "
                + "guest-stop-until-start, node-stop-until-start, task-itself, migration, restart-migration, destroy-closes-window "
                + "or closes-window");
    }
}
