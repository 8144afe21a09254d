package changeledger.query;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The size of a statistics bucket: a day, an ISO week (Monday to Sunday) or a month, in the service's time zone. */
public enum StatsBucket {
    /** A calendar day. */
    DAY,
    /** An ISO week, from Monday. */
    WEEK,
    /** A calendar month. */
    MONTH;

    /** The name in the API: lower case. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The first day of the bucket that contains {@code day}. */
    public LocalDate floor(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /** The first day of the bucket after the one starting on {@code first}. */
    public LocalDate next(LocalDate first) {
        return switch (this) {
            case DAY -> first.plusDays(1);
            case WEEK -> first.plusWeeks(1);
            case MONTH -> first.plusMonths(1);
        };
    }

    /** Reads the wire name; null when it is none of them. */
    public static StatsBucket ofWireName(String value) {
        for (StatsBucket bucket : values()) {
            if (bucket.wireName().equals(value)) {
                return bucket;
            }
        }
        return null;
    }
}
