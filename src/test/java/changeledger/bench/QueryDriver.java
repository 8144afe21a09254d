package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Drives a fixed number of page requests at a fixed concurrency: each worker picks a filter at random (seeded),
 * asks for its first page and, for a quarter of the walks, follows {@code next} for 1 to 4 more pages, so later
 * pages are measured too. Every page is checked against the filter and the number of events that match it (a wrong
 * answer stops the run); the latency of each request is kept.
 */
final class QueryDriver {

    /** Page size asked for, as in issue 6 (item 5). */
    static final int LIMIT = 100;

    /** One way of fetching a page: over HTTP from the service, or by SQL from the index. One per worker. */
    @FunctionalInterface
    interface PageSource {
        /** Fetches one page; the page and how long the request itself took (parsing and checking excluded). */
        Page fetch(EventFilter filter, Long after, int limit) throws Exception;
    }

    /** A fetched page and its request's latency. */
    record Page(JsonNode json, long nanos) {
    }

    /** What a run did: the latencies and how many of the requests asked for a later page. */
    record Run(Latencies latencies, int requests, int laterPages) {
    }

    private QueryDriver() {
    }

    /**
     * Runs {@code requests} page requests over {@code sources.size()} workers.
     *
     * @param sources  one page source per worker (the concurrency)
     * @param filters  the filters to pick from
     * @param matching how many events match each filter (counted on the event table, not through the index)
     * @param requests requests in all
     * @param seed     seeds the workers' choices, so both paths of a round can run the same plan
     */
    static Run run(List<PageSource> sources, List<EventFilter> filters, Map<EventFilter, Long> matching,
                   int requests, long seed) throws Exception {
        long[] nanos = new long[requests];
        AtomicInteger issued = new AtomicInteger();
        AtomicInteger later = new AtomicInteger();
        Workers.run(sources.size(), seed, (worker, random, failed) -> walk(sources.get(worker), random, filters,
                matching, nanos, issued, later, failed));
        return new Run(Latencies.ofNanos(nanos), requests, later.get());
    }

    private static void walk(PageSource source, Random random, List<EventFilter> filters,
                             Map<EventFilter, Long> matching, long[] nanos, AtomicInteger issued, AtomicInteger later,
                             AtomicBoolean failed) throws Exception {
        while (!failed.get()) {
            EventFilter filter = filters.get(random.nextInt(filters.size()));
            int pages = random.nextInt(4) == 0 ? 2 + random.nextInt(4) : 1;
            Long after = null;
            long remaining = matching.getOrDefault(filter, 0L);
            for (int p = 0; p < pages; p++) {
                int ticket = issued.getAndIncrement();
                if (ticket >= nanos.length) {
                    return;
                }
                Page page = source.fetch(filter, after, LIMIT);
                nanos[ticket] = page.nanos();
                if (p > 0) {
                    later.incrementAndGet();
                }
                List<String> problems = filter.checkPage(page.json(), after, LIMIT, remaining);
                if (!problems.isEmpty()) {
                    throw new IllegalStateException("wrong page for " + filter.query(after, LIMIT) + ": "
                            + String.join("; ", problems));
                }
                remaining -= page.json().path("items").size();
                JsonNode next = page.json().get("next");
                if (next == null || next.isNull()) {
                    break;
                }
                after = next.asLong();
            }
        }
    }
}
