package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The filter the query benchmark asks {@code GET /api/v1/events} for: one host, one event type (or all), a time
 * range {@code [from, to)} on {@code occurredAt}; and the checks that an answer matches it. A wrong answer fails
 * the run, so a fast but wrong endpoint cannot pass. Positions must rise from item to item: the service pages in the
 * gap-safe order {@code (tx_id, position)}, which is the order of positions when, as in the benchmarks, one
 * transaction commits after the other.
 *
 * @param host the host id
 * @param type the event type, or null for every type
 * @param from inclusive start, or null
 * @param to   exclusive end, or null
 */
public record EventFilter(String host, String type, Instant from, Instant to) {

    /** The day a range across two months starts and ends on. */
    static final int MID_MONTH = 16;

    /** A host's events of one type in one calendar month (UTC, the service's default time zone). */
    public static EventFilter month(String host, String type, YearMonth month) {
        return new EventFilter(host, type, month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /**
     * A host's events of one type from the {@value #MID_MONTH}th of {@code month} to that of the next month (UTC): a
     * range cut inside two months of the event index.
     */
    public static EventFilter acrossMonths(String host, String type, YearMonth month) {
        return new EventFilter(host, type, month.atDay(MID_MONTH).atStartOfDay().toInstant(ZoneOffset.UTC),
                month.plusMonths(1).atDay(MID_MONTH).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** Every event of a host in the {@code days} days before {@code end}: e.g. the last week of a data set. */
    public static EventFilter lastDays(String host, Instant end, int days) {
        return new EventFilter(host, null, end.minus(Duration.ofDays(days)), end);
    }

    /** Every event of a host. */
    public static EventFilter host(String host) {
        return new EventFilter(host, null, null, null);
    }

    /** The query string of {@code GET /api/v1/events} for this filter, a page size and an {@code after} cursor. */
    public String query(Long after, Integer limit) {
        StringBuilder query = new StringBuilder("host=").append(encode(host));
        if (type != null) {
            query.append("&type=").append(encode(type));
        }
        if (from != null) {
            query.append("&from=").append(encode(from.toString()));
        }
        if (to != null) {
            query.append("&to=").append(encode(to.toString()));
        }
        if (after != null) {
            query.append("&after=").append(after);
        }
        if (limit != null) {
            query.append("&limit=").append(limit);
        }
        return query.toString();
    }

    /** Whether an event with these fields matches. */
    public boolean matches(String eventHost, String eventType, Instant occurredAt) {
        return host.equals(eventHost) && (type == null || type.equals(eventType))
                && (from == null || !occurredAt.isBefore(from)) && (to == null || occurredAt.isBefore(to));
    }

    /** Why an event item of the API does not match, or null when it does. */
    public String violation(JsonNode item) {
        String eventHost = item.path("hostId").asText(null);
        String eventType = item.path("type").asText(null);
        String occurred = item.path("occurredAt").asText(null);
        if (eventHost == null || eventType == null || occurred == null || !item.path("position").canConvertToLong()) {
            return "item without position, hostId, type or occurredAt: " + abbreviate(item);
        }
        Instant occurredAt;
        try {
            occurredAt = Instant.parse(occurred);
        } catch (DateTimeParseException e) {
            return "occurredAt is no ISO instant: " + occurred;
        }
        return matches(eventHost, eventType, occurredAt) ? null
                : "item " + item.path("position").asLong() + " (" + eventHost + ", " + eventType + ", " + occurred
                + ") is outside " + this;
    }

    /**
     * Checks one JSON page: every item matches, positions rise and lie after {@code after}, {@code next} is the last
     * item's position, and, as {@code matchingAfter} events match after the cursor, the page holds
     * {@code min(limit, matchingAfter)} items and has a {@code next} exactly when more remain. Returns the problems
     * found, empty when the page is right.
     *
     * @param page          the parsed answer
     * @param after         the cursor the page was asked after, or null for the first page
     * @param limit         the page size asked for
     * @param matchingAfter how many events match the filter after the cursor (from the event table itself)
     */
    public List<String> checkPage(JsonNode page, Long after, int limit, long matchingAfter) {
        List<String> problems = new ArrayList<>();
        JsonNode items = page.path("items");
        if (!items.isArray()) {
            problems.add("no items array in " + abbreviate(page));
            return problems;
        }
        long expectedSize = Math.min(limit, matchingAfter);
        if (items.size() != expectedSize) {
            problems.add(items.size() + " items, expected " + expectedSize + " (" + matchingAfter + " match after "
                    + after + ")");
        }
        long previous = after == null ? Long.MIN_VALUE : after;
        for (JsonNode item : items) {
            String violation = violation(item);
            if (violation != null) {
                problems.add(violation);
                break;
            }
            long position = item.path("position").asLong();
            if (position <= previous) {
                problems.add("position " + position + " does not follow " + previous);
                break;
            }
            previous = position;
        }
        JsonNode next = page.get("next");
        boolean hasNext = next != null && !next.isNull();
        if (hasNext && (items.isEmpty() || next.asLong() != items.get(items.size() - 1).path("position").asLong())) {
            problems.add("next " + next + " is not the last item's position");
        }
        if (matchingAfter > limit && !hasNext) {
            problems.add("no next although " + (matchingAfter - items.size()) + " more events match");
        } else if (matchingAfter < limit && hasNext) {
            problems.add("next " + next + " on the last page");
        }
        return problems;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
