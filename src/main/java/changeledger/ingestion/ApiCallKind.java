package changeledger.ingestion;

import java.util.List;

/**
 * What one row of {@link ApiCallTable} says a call is.
 *
 * @param pattern  the row's path pattern, as written in the table (for reasons a person reads)
 * @param rule     how its class is found
 * @param spawns   the task types it starts ({@code qmstart}, or a prefix {@code ceph*}); empty for a synchronous call
 * @param security whether it changes users, permissions, the firewall or notifications
 * @param change   whether it is a change at all (false: logins, consoles, tunnels, guest-agent reads)
 */
public record ApiCallKind(String pattern, ClassRule rule, List<String> spawns, boolean security, boolean change) {

    /** Copies the list. */
    public ApiCallKind {
        spawns = List.copyOf(spawns);
    }

    /** The call's class on a host with this class table. */
    public TaskClass taskClass(TaskClassTable table) {
        return switch (rule) {
            case CHANGE -> TaskClass.CHANGE;
            case ROUTINE -> TaskClass.ROUTINE;
            case ACCESS -> TaskClass.ACCESS;
            case SPAWNED -> spawns.isEmpty() ? TaskClass.CHANGE : table.classify(spawns.get(0));
        };
    }

    /** Whether a task of this type may be the one the call started. */
    public boolean spawns(String taskType) {
        return spawns(spawns, taskType);
    }

    /** Whether a task of this type may be one of {@code spawns} (types, or prefixes ending in {@code *}). */
    public static boolean spawns(List<String> spawns, String taskType) {
        if (taskType == null) {
            return false;
        }
        for (String spawned : spawns) {
            if (spawned.equals(taskType)
                    || (spawned.endsWith("*") && taskType.startsWith(spawned.substring(0, spawned.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** How a row gives a call its class. */
    public enum ClassRule {
        /** Class {@code change}. */
        CHANGE,
        /** Class {@code routine}. */
        ROUTINE,
        /** Class {@code access}. */
        ACCESS,
        /** The class of the first task type it spawns, in the host's class table. */
        SPAWNED;

        /** Reads the table's column. */
        static ClassRule fromText(String text) {
            return switch (text) {
                case "change" -> CHANGE;
                case "routine" -> ROUTINE;
                case "access" -> ACCESS;
                case "spawned" -> SPAWNED;
                default -> throw new IllegalArgumentException("unknown class " + text
                        + ": expected change, routine, access or spawned");
            };
        }
    }
}
