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
    /** The task itself on the source host, marked as a migration. */
    MIGRATION,
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
                + "guest-stop-until-start, node-stop-until-start, task-itself, migration, destroy-closes-window or closes-window");
    }
}
