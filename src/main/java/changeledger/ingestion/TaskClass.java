package changeledger.ingestion;

import java.util.Locale;

/** What a Proxmox task means for the audit (PROXMOX.md "Task classes"). */
public enum TaskClass {
    /** A change to a guest, storage, node or cluster configuration. */
    CHANGE,
    /** Stops, reboots, rollbacks, destroys, migrations, service restarts. */
    DISRUPTIVE,
    /** Starts and resumes: they end a disruption. */
    START,
    /** Backups, package list updates, certificate renewals. */
    ROUTINE,
    /** Consoles and file pulls: shown, not a change. */
    ACCESS,
    /** Any type the table does not know: stored and shown, never dropped. */
    UNKNOWN;

    /** The name used in payloads, configuration and the API: lower case. */
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a class name as written in the table, configuration or a payload.
     *
     * @throws IllegalArgumentException naming the known classes
     */
    public static TaskClass fromText(String text) {
        for (TaskClass value : values()) {
            if (value.json().equalsIgnoreCase(text.trim())) {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown task class '" + text + "': expected change, disruptive, "
                + "start, routine, access or unknown");
    }
}
