package changeledger.bench;

import changeledger.projection.ChangeCounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;

/**
 * What {@code GET /api/v1/hosts/{id}/stats} must answer on the bench data, worked out independently of the service:
 * the requests the stats benchmark asks (ranges in UTC, the service's default zone, on whole hours), their buckets
 * cut to the range, and each bucket's counts summed from the task starts per hour. Pure.
 */
final class StatsTruth {

    /** The buckets the benchmark asks for. */
    static final List<String> BUCKETS = List.of("day", "month");

    private StatsTruth() {
    }

    /**
     * One stats request.
     *
     * @param host   the host
     * @param from   the first instant (a whole hour)
     * @param to     the end, exclusive (a whole hour)
     * @param bucket {@code day} or {@code month}
     */
    record Case(String host, Instant from, Instant to, String bucket) {

        Case {
            if (!from.equals(from.truncatedTo(ChronoUnit.HOURS)) || !to.equals(to.truncatedTo(ChronoUnit.HOURS))
                    || !from.isBefore(to) || !BUCKETS.contains(bucket)) {
                throw new IllegalArgumentException("not a whole-hour day or month request: " + from + " " + to + " "
                        + bucket);
            }
        }

        /** The path and query of the request. */
        String path() {
            return "/api/v1/hosts/" + host + "/stats?from=" + from + "&to=" + to + "&bucket=" + bucket;
        }
    }

    /**
     * One expected bucket: its first day (the label), the part of it the range covers and its counts.
     *
     * @param first  the bucket's first UTC day
     * @param start  the first instant counted
     * @param end    the end, exclusive
     * @param counts the task starts in {@code [start, end)} by class
     */
    record Bucket(LocalDate first, Instant start, Instant end, ChangeCounts counts) {
    }

    /**
     * The requests of a round's plan, for each host: every month whole (by day), every month again shifted by 1-4
     * days and 1-23 hours and ending 1-23 hours into a day 27-30 days later (by day), the year whole and six years
     * cut at both ends by days and hours (by month).
     */
    static List<Case> cases(List<String> hosts, YearMonth first, int months, long seed) {
        Random random = new Random(seed);
        List<Case> cases = new ArrayList<>();
        Instant yearStart = first.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant yearEnd = first.plusMonths(months).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        for (String host : hosts) {
            for (int m = 0; m < months; m++) {
                YearMonth month = first.plusMonths(m);
                Instant start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                Instant end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
                cases.add(new Case(host, start, end, "day"));
                Instant from = start.plus(Duration.ofDays(1 + random.nextInt(4)).plusHours(1 + random.nextInt(23)));
                Instant to = from.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(27 + random.nextInt(4))
                        .plusHours(1 + random.nextInt(23)));
                cases.add(new Case(host, from, to, "day"));
            }
            cases.add(new Case(host, yearStart, yearEnd, "month"));
            for (int y = 0; y < 6; y++) {
                Instant from = yearStart.plus(Duration.ofDays(random.nextInt(20)).plusHours(1 + random.nextInt(23)));
                Instant to = yearEnd.minus(Duration.ofDays(random.nextInt(20)).plusHours(1 + random.nextInt(23)));
                cases.add(new Case(host, from, to, "month"));
            }
        }
        return cases;
    }

    /** The buckets of a request, every one present, each cut to the range, with the counts of the hours inside. */
    static List<Bucket> expected(Case request, NavigableMap<Instant, ChangeCounts> startsByHour) {
        List<Bucket> buckets = new ArrayList<>();
        LocalDate first = request.from().atOffset(ZoneOffset.UTC).toLocalDate();
        if (request.bucket().equals("month")) {
            first = first.withDayOfMonth(1);
        }
        while (true) {
            Instant start = first.atStartOfDay().toInstant(ZoneOffset.UTC);
            if (!start.isBefore(request.to())) {
                return buckets;
            }
            LocalDate next = request.bucket().equals("month") ? first.plusMonths(1) : first.plusDays(1);
            Instant end = next.atStartOfDay().toInstant(ZoneOffset.UTC);
            Instant from = start.isBefore(request.from()) ? request.from() : start;
            Instant to = end.isAfter(request.to()) ? request.to() : end;
            ChangeCounts counts = ChangeCounts.ZERO;
            for (ChangeCounts hour : startsByHour.subMap(from, true, to, false).values()) {
                counts = counts.plus(hour);
            }
            buckets.add(new Bucket(first, from, to, counts));
            first = next;
        }
    }

    /** What is wrong with the service's answer to a request; empty when it is right. */
    static List<String> check(Case request, JsonNode answer, List<Bucket> expected) {
        List<String> problems = new ArrayList<>();
        if (!request.host().equals(answer.path("hostId").asText())) {
            problems.add("hostId " + answer.path("hostId"));
        }
        if (!request.bucket().equals(answer.path("bucket").asText())) {
            problems.add("bucket " + answer.path("bucket"));
        }
        if (!instant(answer.path("from")).equals(request.from()) || !instant(answer.path("to")).equals(request.to())) {
            problems.add("range " + answer.path("from") + " to " + answer.path("to"));
        }
        JsonNode buckets = answer.path("buckets");
        if (buckets.size() != expected.size()) {
            problems.add(buckets.size() + " buckets, expected " + expected.size());
            return problems;
        }
        for (int i = 0; i < expected.size(); i++) {
            Bucket want = expected.get(i);
            JsonNode got = buckets.get(i);
            if (!instant(got.path("start")).equals(want.start()) || !instant(got.path("end")).equals(want.end())) {
                problems.add("bucket " + i + " spans " + got.path("start") + " to " + got.path("end") + ", expected "
                        + want.start() + " to " + want.end());
            }
            ChangeCounts counts = counts(got.path("counts"));
            if (!counts.equals(want.counts())) {
                problems.add("bucket " + want.first() + " counts " + counts + ", expected " + want.counts());
            }
        }
        return problems;
    }

    /** What is wrong with bucket counts by first day (absent: all zero), as the SQL reference returns them. */
    static List<String> check(Map<LocalDate, ChangeCounts> byFirstDay, List<Bucket> expected) {
        List<String> problems = new ArrayList<>();
        int matched = 0;
        for (Bucket want : expected) {
            ChangeCounts got = byFirstDay.getOrDefault(want.first(), ChangeCounts.ZERO);
            matched += byFirstDay.containsKey(want.first()) ? 1 : 0;
            if (!got.equals(want.counts())) {
                problems.add("bucket " + want.first() + " counts " + got + ", expected " + want.counts());
            }
        }
        if (matched != byFirstDay.size()) {
            problems.add((byFirstDay.size() - matched) + " buckets outside the range: " + byFirstDay.keySet());
        }
        return problems;
    }

    /** The counts of a JSON {@code counts} object. */
    static ChangeCounts counts(JsonNode counts) {
        return new ChangeCounts(counts.path("change").asLong(-1), counts.path("disruptive").asLong(-1),
                counts.path("start").asLong(-1), counts.path("routine").asLong(-1), counts.path("access").asLong(-1),
                counts.path("unknown").asLong(-1), counts.path("manual").asLong(-1), counts.path("incident").asLong(-1));
    }

    /** All seven counts summed. */
    static long total(ChangeCounts counts) {
        return counts.change() + counts.disruptive() + counts.start() + counts.routine() + counts.access()
                + counts.unknown() + counts.manual();
    }

    private static Instant instant(JsonNode node) {
        try {
            return Instant.parse(node.asText());
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
