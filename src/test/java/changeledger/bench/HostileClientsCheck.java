package changeledger.bench;

import changeledger.support.TaskLineGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code bench/run.sh --hostile}: the packaged service, with the deployment's JVM options (192 MiB heap), against
 * what an untrusted key can send. An ingester key uploads 1,000,000 junk lines, then three junk uploads of 800 KB at
 * once; a reader key opens 100 exports and never reads them. After each the service must still be ready, the junk
 * answers must be 422 under 64 KiB, and the exports past the stream limits must be refused with 503. Prints
 * {@code N passed, N failed} with what it tried and the service's RSS; exits non-zero on any failure.
 */
public final class HostileClientsCheck {

    private static final int JUNK_LINES = 1_000_000;
    private static final int STALLED_EXPORTS = 100;
    private static final int ANSWER_LIMIT = 64 * 1024;

    private final ServiceProcess service;
    private final HttpClient http = ServiceProcess.newClient();
    private final List<String> failures = new ArrayList<>();
    private int passed;

    private HostileClientsCheck(ServiceProcess service) {
        this.service = service;
    }

    /** Runs the drill; takes the options of {@code bench/run.sh} for the database. */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv());
        try (BenchDatabase database = BenchDatabase.create(options);
             ServiceProcess service = ServiceProcess.start(database.jdbcUrl(), database.user(), database.password(),
                     BenchMain.MAPPER)) {
            HostileClientsCheck check = new HostileClientsCheck(service);
            check.run();
            System.out.printf("hostile: %d passed, %d failed%n", check.passed, check.failures.size());
            check.failures.forEach(f -> System.out.println("hostile: FAILED " + f));
            if (!check.failures.isEmpty()) {
                System.exit(1);
            }
        }
    }

    private void run() throws Exception {
        service.registerHost("hostile", "pve-hostile");
        String ingester = service.createIngesterKey("hostile");
        seed(ingester);

        String junk = junk(JUNK_LINES);
        HttpResponse<String> answer = upload(ingester, junk).join();
        expect("a 1,000,000-line junk upload answers 422", answer.statusCode() == 422, "HTTP " + answer.statusCode());
        expect("its answer is under 64 KiB", answer.body().length() < ANSWER_LIMIT, answer.body().length() + " bytes");
        expectReady("after the junk upload");

        String chunk = junk(18_500);
        List<CompletableFuture<HttpResponse<String>>> three = List.of(upload(ingester, chunk), upload(ingester, chunk),
                upload(ingester, chunk));
        int refused = 0;
        for (CompletableFuture<HttpResponse<String>> upload : three) {
            refused += upload.join().statusCode() == 422 ? 1 : 0;
        }
        expect("three concurrent junk uploads of " + chunk.length() / 1024 + " KiB answer 422", refused == 3,
                refused + " of 3");
        expectReady("after the concurrent junk uploads");

        stalledExports();
        System.out.printf("bench: hostile_service_rss_peak %d KiB%n",
                ProcessMemory.of(service.pid()).map(ProcessMemory::hwmKib).orElse(-1L));
    }

    /** Opens exports that never read, from several reader keys; counts the refused ones and checks readiness. */
    private void stalledExports() throws Exception {
        List<String> readers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            readers.add(service.createKey("stalled reader " + i, "reader"));
        }
        URI base = URI.create(service.base());
        List<Socket> sockets = new ArrayList<>();
        int refused = 0;
        try {
            for (int i = 0; i < STALLED_EXPORTS; i++) {
                Socket socket = new Socket(base.getHost(), base.getPort());
                socket.setReceiveBufferSize(4096);
                socket.setSoTimeout(10_000);
                sockets.add(socket);
                OutputStream out = socket.getOutputStream();
                out.write(("GET /api/v1/events?host=hostile HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                        + "Authorization: Bearer " + readers.get(i % readers.size()) + "\r\n"
                        + "Accept: application/x-ndjson\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (statusLine(socket.getInputStream()).contains(" 503 ")) {
                    refused++;
                }
            }
            expect("exports past the stream limits are refused with 503", refused > 0 && refused < STALLED_EXPORTS,
                    refused + " of " + STALLED_EXPORTS + " refused");
            expectReady("with " + (STALLED_EXPORTS - refused) + " exports stalled");
            // what the stalled exports hold, not garbage the junk upload left behind
            service.collectGarbage();
            long heap = service.heapUsedBytes();
            expect("the heap stays under 150 MiB with the exports stalled", heap < 150L * 1024 * 1024,
                    heap / 1024 / 1024 + " MiB");
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** The first line of an answer (its status line). */
    private static String statusLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    /** 100,000 events of the host, so every export is larger than its socket's buffers. */
    private void seed(String ingester) throws Exception {
        TaskLineGenerator generator = new TaskLineGenerator("pve-hostile", 64);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            body.append(generator.nextIndexLine()).append('\n');
        }
        service.ingestTaskIndex("hostile", ingester, body.toString());
    }

    private CompletableFuture<HttpResponse<String>> upload(String token, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.base() + "/api/v1/hosts/hostile/ingest/task-index"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .timeout(Duration.ofMinutes(5)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String junk(int lines) {
        StringBuilder body = new StringBuilder(lines * 70);
        for (int i = 0; i < lines; i++) {
            body.append("junk line ").append(i).append(" \"quoted\" \u00e9\u4e2d not a task at all\n");
        }
        return body.toString();
    }

    private void expectReady(String when) throws Exception {
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        expect("the service is ready " + when, ready.statusCode() == 200, "HTTP " + ready.statusCode());
    }

    private void expect(String what, boolean holds, String detail) {
        System.out.printf("hostile: %s %s (%s)%n", holds ? "ok" : "FAILED", what, detail);
        if (holds) {
            passed++;
        } else {
            failures.add(what + ": " + detail);
        }
    }
}
