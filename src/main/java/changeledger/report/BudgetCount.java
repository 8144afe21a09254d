package changeledger.report;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * The monthly budget's count (DESIGN "What counts as one change"): everything one change request covers counts
 * once, as that request; an unplanned change counts once per target per hour (in the service's time zone).
 */
public final class BudgetCount {

    private BudgetCount() {
    }

    /** How many budgeted changes the observed changes make. */
    public static int of(Collection<ObservedChange> changes, ZoneId zone) {
        Set<String> counted = new HashSet<>();
        for (ObservedChange change : changes) {
            if (change.planned()) {
                counted.add("request " + change.changeRequestId());
            } else {
                ZonedDateTime hour = change.occurredAt().atZone(zone).truncatedTo(ChronoUnit.HOURS);
                counted.add("target " + change.target() + " at " + hour.toOffsetDateTime());
            }
        }
        return counted.size();
    }
}
