package changeledger.api;

import changeledger.domain.ProblemException;
import changeledger.time.IsoInstants;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * A {@code from}/{@code to} pair of query parameters: {@code from} inclusive, {@code to} exclusive, each an
 * ISO-8601 instant ({@code 2026-11-01T00:00:00Z}, an offset is allowed) or a date ({@code 2026-11-01}: its
 * midnight in the service's time zone). Either may be absent (null).
 *
 * @param from the first instant included, or null
 * @param to   the first instant excluded, or null
 */
public record TimeRange(Instant from, Instant to) {

    /**
     * The range a request means when a side is missing: {@code to} defaults to the end of the current month,
     * {@code from} to the start of the month in which the range's last instant lies; neither given is the current
     * month.
     */
    public TimeRange withMonthDefaults(Instant now, ZoneId zone) {
        Instant end = to != null ? to : month(YearMonth.from(now.atZone(zone)), zone).to();
        Instant start = from != null ? from : month(YearMonth.from(end.minusNanos(1).atZone(zone)), zone).from();
        return new TimeRange(start, end);
    }

    /**
     * The range a request's {@code from} and {@code to} mean, with the month defaults of
     * {@link #withMonthDefaults}; 400 when a side is not a time or the range is empty.
     */
    public static TimeRange requested(String from, String to, ZoneId zone, Instant now) {
        TimeRange range = parse(from, to, zone).withMonthDefaults(now, zone);
        if (!range.from().isBefore(range.to())) {
            throw ProblemException.badRequest("The range is empty: 'from' (" + range.from() + ") must be before 'to' ("
                    + range.to() + "). Without 'to' the range ends with the current month; give 'to' as well.");
        }
        return range;
    }

    /** A whole month of {@code zone}: from its first midnight to the next month's. */
    public static TimeRange month(YearMonth month, ZoneId zone) {
        return new TimeRange(month.atDay(1).atStartOfDay(zone).toInstant(),
                month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }

    /** Parses both parameters; 400 naming the parameter when one is not a time, or when {@code from} is not before {@code to}. */
    public static TimeRange parse(String from, String to, ZoneId zone) {
        TimeRange range = new TimeRange(instant("from", from, zone), instant("to", to, zone));
        if (range.from() != null && range.to() != null && !range.from().isBefore(range.to())) {
            throw ProblemException.badRequest("'from' (" + from + ") must be before 'to' (" + to
                    + "): 'from' is inclusive, 'to' exclusive.");
        }
        return range;
    }

    /** One bound: an instant, an instant with an offset, or a date at midnight in {@code zone}; null when absent. */
    public static Instant instant(String name, String value, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Instant instant;
        try {
            if (text.length() == 10) {
                instant = LocalDate.parse(text).atStartOfDay(zone).toInstant();
            } else {
                Instant utc = IsoInstants.parseUtcSeconds(text);
                instant = utc != null ? utc : OffsetDateTime.parse(text).toInstant();
            }
        } catch (DateTimeException e) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "': give an ISO-8601 instant such as "
                    + "2026-11-01T00:00:00Z (an offset such as +01:00 is allowed) or a date such as 2026-11-01 "
                    + "(midnight in " + zone.getId() + ").");
        }
        if (instant.isBefore(StrictText.EARLIEST) || !instant.isBefore(StrictText.AFTER_LATEST)) {
            throw ProblemException.badRequest("'" + name + "' is '" + value + "', outside the years 1970 to 9999: "
                    + "give a time in that range.");
        }
        return instant;
    }
}
