package changeledger.journal;

import java.time.Instant;

/** Whether a guest has an open disruption window that a {@code retire} entry can end (the disruption read model). */
public interface RetireCheck {

    /**
     * Returns when guest {@code guest} of host {@code hostId} has an open stop window at {@code at}; else throws a
     * 409 problem that names the guest's state there.
     */
    void requireOpenWindow(String hostId, String guest, Instant at);
}
