package changeledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The dashboard's home page (issue 20): {@code GET /} with a session signed in through the sign-in form with a reader
 * key of the read benchmarks' two hosts, one request after the other, over their data set. Every answer must be a 200
 * page with exactly the two hosts' cards. The home page shows the current month's report of each host (the month of
 * the machine's clock, not one of the data set's), the host list and the open change requests. No SQL reference: the
 * page combines several of the service's reads and its rules.
 */
public final class DashboardBenchmark implements Benchmark {

    private static final List<String> HOSTS = List.of(QueryFixture.INFRA, QueryFixture.LAB);

    private final QueryFixture fixture;
    private final int requests;
    private HttpClient http;
    private String session;
    private List<MeasuredPath.Figure> figures = List.of();

    /** {@code requests} pages a round, one after the other. */
    public DashboardBenchmark(QueryFixture fixture, int requests) {
        this.fixture = fixture;
        this.requests = requests;
    }

    @Override
    public String name() {
        return "dashboard";
    }

    @Override
    public String description() {
        return String.format("%d home pages a round in turn: GET / signed in with a reader key of %s (%,d task"
                + " events)", requests, String.join(" and ", HOSTS), fixture.events());
    }

    @Override
    public void load(BenchDatabase database) throws Exception {
        fixture.load(database);
        http = ServiceProcess.newClient();
        String key = fixture.service().createKey("bench dashboard home", "reader", HOSTS);
        session = DashboardSignIn.session(http, fixture.service().base(), key);
    }

    @Override
    public List<MeasuredPath> paths() {
        return List.of(new FiguredPath("dashboard_home", "pages/s", "GET / over HTTP/1.1 with the session cookie,"
                + " one at a time", this::run, () -> ServiceMemory.plus(figures, ServiceMemory.after("dashboard_home",
                "a round of home pages", fixture.service()))));
    }

    @Override
    public List<Ratio> ratios() {
        return List.of();
    }

    private long run() throws Exception {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            nanos[i] = fetch();
        }
        Latencies latencies = Latencies.ofNanos(nanos);
        String of = String.format("of a round's %d home pages, one after the other", requests);
        List<MeasuredPath.Figure> all = new ArrayList<>(latencies.medianAndMax("dashboard_home", of));
        all.add(1, new MeasuredPath.Figure("dashboard_home_p99", "ms", "99th percentile " + of, latencies.p99Ms()));
        figures = all;
        return requests;
    }

    private long fetch() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(fixture.service().base() + "/"))
                .header("Cookie", DashboardSignIn.SESSION_COOKIE + "=" + session)
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .GET().build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long nanos = System.nanoTime() - start;
        List<String> problems = check(response.statusCode(), response.body());
        if (!problems.isEmpty()) {
            throw new IllegalStateException("wrong home page: " + String.join("; ", problems));
        }
        return nanos;
    }

    /** What is wrong with a home page for the two hosts: its status, a missing card or one too many. */
    static List<String> check(int status, String html) {
        List<String> problems = new ArrayList<>();
        if (status != 200) {
            problems.add("status " + status);
        }
        for (String host : HOSTS) {
            if (!html.contains("data-host=\"" + host + "\"")) {
                problems.add("no card of " + host);
            }
        }
        int cards = html.split("class=\"card host-card\"", -1).length - 1;
        if (cards != HOSTS.size()) {
            problems.add(cards + " host cards, expected " + HOSTS.size());
        }
        return problems;
    }
}
