package changeledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process on the bench database,
 * as production runs it: external PostgreSQL, embedded database off, processors (the sealer) on. Its pid goes
 * to {@link #PID_FILE} so {@code bench/run.sh} can stop it even when this JVM dies.
 */
public final class ServiceProcess implements AutoCloseable {

    /** Where the running service's pid is written while it runs. */
    public static final Path PID_FILE = Path.of("target", "bench-service.pid");

    /** The service's log. */
    public static final Path LOG_FILE = Path.of("target", "bench-service.log");

    /** JVM options of the service, as the Dockerfile sets them unless {@code BENCH_SERVICE_JAVA_OPTS} says otherwise. */
    static final String DEFAULT_JAVA_OPTS = "-Xms64m -Xmx192m -XX:+UseSerialGC -XX:MaxMetaspaceSize=128m"
            + " -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=64m -XX:TrimNativeHeapInterval=1000"
            + " -XX:+ExitOnOutOfMemoryError";

    /** An HTTP/1.1 client as the benchmarks' clients use, one connection per concurrent request. */
    static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final Path pidFile;
    private final HttpClient http;
    private final String base;
    private final String adminToken;
    private final ObjectMapper mapper;
    private final Thread shutdownHook;

    private ServiceProcess(Process process, Path pidFile, int port, String adminToken, ObjectMapper mapper) {
        this.process = process;
        this.pidFile = pidFile;
        this.base = "http://127.0.0.1:" + port;
        this.adminToken = adminToken;
        this.mapper = mapper;
        this.http = newClient();
        this.shutdownHook = new Thread(process::destroy, "bench-service-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the service on {@code jdbcUrl} and waits until {@code /q/health/ready} answers 200. */
    public static ServiceProcess start(String jdbcUrl, String user, String password, ObjectMapper mapper)
            throws Exception {
        return start(jdbcUrl, user, password, mapper, Map.of());
    }

    /**
     * Starts the service on {@code jdbcUrl} with further environment variables (its configuration) and waits until
     * {@code /q/health/ready} answers 200. It listens on {@code BENCH_SERVICE_PORT} when set, else on a free port.
     */
    public static ServiceProcess start(String jdbcUrl, String user, String password, ObjectMapper mapper,
                                       Map<String, String> environment) throws Exception {
        return start(jdbcUrl, user, password, mapper, defaultPort(), environment, PID_FILE, LOG_FILE, false,
                "/q/health/ready");
    }

    /**
     * Starts the service on {@code jdbcUrl} on {@code port} with {@code extraEnv} added to its environment (e.g. its
     * processing settings), its pid in {@code pidFile} and its output in {@code logFile}; waits until it is ready.
     */
    public static ServiceProcess start(String jdbcUrl, String user, String password, ObjectMapper mapper, int port,
                                       Map<String, String> extraEnv, Path pidFile, Path logFile) throws Exception {
        return start(jdbcUrl, user, password, mapper, port, extraEnv, pidFile, logFile, false, "/q/health/ready");
    }

    /**
     * Starts the service as a drill restarts it: its output goes after what {@link #LOG_FILE} holds, so every run's
     * log is kept, and it waits only until {@code /q/health/live} answers 200, since a service whose processors are
     * far behind (after a crash, on a restored database) is rightly not ready until they have caught up.
     */
    public static ServiceProcess restart(String jdbcUrl, String user, String password, ObjectMapper mapper)
            throws Exception {
        return start(jdbcUrl, user, password, mapper, defaultPort(), Map.of(), PID_FILE, LOG_FILE, true,
                "/q/health/live");
    }

    /** {@code BENCH_SERVICE_PORT} when set, else a free port. */
    private static int defaultPort() throws IOException {
        String fixedPort = System.getenv("BENCH_SERVICE_PORT");
        return fixedPort == null || fixedPort.isBlank() ? freePort() : Integer.parseInt(fixedPort.trim());
    }

    private static ServiceProcess start(String jdbcUrl, String user, String password, ObjectMapper mapper, int port,
                                        Map<String, String> extraEnv, Path pidFile, Path logFile, boolean appendLog,
                                        String upPath) throws Exception {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: bench/run.sh builds it (./mvnw -DskipTests package)");
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String opts = System.getenv().getOrDefault("BENCH_SERVICE_JAVA_OPTS", DEFAULT_JAVA_OPTS);
        for (String opt : opts.trim().split("\\s+")) {
            if (!opt.isEmpty()) {
                command.add(opt);
            }
        }
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                        : ProcessBuilder.Redirect.to(logFile.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", user);
        if (!password.isEmpty()) {
            env.put("QUARKUS_DATASOURCE_PASSWORD", password);
        }
        env.put("CHANGELEDGER_EMBEDDED_DB_ENABLED", "false");
        env.put("CHANGELEDGER_ADMIN_TOKEN", token);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.putAll(extraEnv);
        ServiceProcess service = new ServiceProcess(builder.start(), pidFile, port, token, mapper);
        Files.writeString(pidFile, Long.toString(service.pid()));
        BenchRunner.log("service: pid %d on port %d, log in %s", service.pid(), port, logFile);
        try {
            service.awaitUp(upPath, Duration.ofSeconds(90));
        } catch (Exception e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** The admin key's token this service was started with. */
    String adminToken() {
        return adminToken;
    }

    /** The service's process id. */
    public long pid() {
        return process.pid();
    }

    /** Registers a lab host; its {@code node} must be the one in its UPIDs. */
    public void registerHost(String id, String node) throws Exception {
        registerHost(id, node, "lab");
    }

    /** Registers a host with a role ({@code infrastructure} or {@code lab}); {@code node} as in its UPIDs. */
    public void registerHost(String id, String node, String role) throws Exception {
        post("/api/v1/hosts", Map.of("id", id, "name", "bench " + id, "role", role, "node", node));
    }

    /** {@code GET} of a JSON resource with the admin key; fails on anything but 2xx. */
    public JsonNode get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60))
                .GET().build();
        return json(http.send(request, HttpResponse.BodyHandlers.ofString()), "GET " + pathAndQuery);
    }

    /** The service's base URI, e.g. {@code http://127.0.0.1:41234}. */
    String base() {
        return base;
    }

    /** Creates an ingester key bound to one host and returns its token. */
    public String createIngesterKey(String hostId) throws Exception {
        JsonNode created = post("/api/v1/api-keys", Map.of("name", "bench collector " + hostId, "role", "ingester",
                "hosts", List.of(hostId)));
        return created.path("token").asText();
    }

    /** Creates a key of a role that covers every host (e.g. {@code reader}); returns its token. */
    public String createKey(String name, String role) throws Exception {
        return createKey(name, role, List.of());
    }

    /** Creates a key of a role limited to {@code hosts} (empty: every host); returns its token. */
    public String createKey(String name, String role, List<String> hosts) throws Exception {
        return post("/api/v1/api-keys", Map.of("name", name, "role", role, "hosts", hosts)).path("token").asText();
    }

    /** Registers a lab host of its own and answers the token of an ingester key bound to it. */
    public String registerHostWithIngester(String id) throws Exception {
        registerHost(id, "pve-" + id);
        return createIngesterKey(id);
    }

    /** Uploads task-index lines with a host's ingester key; returns the service's answer, sent after commit. */
    public JsonNode ingestTaskIndex(String hostId, String ingesterToken, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts/" + hostId
                        + "/ingest/task-index"))
                .header("Authorization", "Bearer " + ingesterToken)
                .header("Content-Type", "text/plain")
                .timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return json(http.send(request, HttpResponse.BodyHandlers.ofString()), "ingest for " + hostId);
    }

    /** Pushes a configuration snapshot (a tar) with a host's ingester key; returns the service's answer. */
    public JsonNode ingestConfig(String hostId, String ingesterToken, byte[] tar) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/hosts/" + hostId + "/ingest/config"))
                .header("Authorization", "Bearer " + ingesterToken)
                .header("Content-Type", "application/x-tar")
                .timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.ofByteArray(tar)).build();
        return json(http.send(request, HttpResponse.BodyHandlers.ofString()), "config push for " + hostId);
    }

    /** Heap in use: the sum of Micrometer's {@code jvm_memory_used_bytes{area="heap"}} over the pools. */
    public long heapUsedBytes() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(Duration.ofSeconds(10))
                .GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("/q/metrics answered " + response.statusCode());
        }
        return heapUsed(response.body());
    }

    /** Asks the service's JVM for a full collection ({@code jcmd <pid> GC.run}), so the heap shows what is live. */
    public void collectGarbage() throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!gc.waitFor(60, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            gc.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid() + " GC.run failed");
        }
    }

    /** Sums the heap pools of a Prometheus text exposition; fails when there are none. */
    static long heapUsed(String metrics) {
        double sum = 0;
        int pools = 0;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                pools++;
            }
        }
        if (pools == 0) {
            throw new IllegalStateException("no jvm_memory_used_bytes{area=\"heap\"} in /q/metrics");
        }
        return Math.round(sum);
    }

    /** {@code GET} with the admin key and an {@code Accept} header; the answer as it came, whatever its status. */
    public HttpResponse<byte[]> getBytes(String pathAndQuery, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + adminToken)
                .header("Accept", accept)
                .timeout(Duration.ofMinutes(2))
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** {@code POST} without a body with the admin key; the answer as it came, whatever its status. */
    public HttpResponse<String> postEmpty(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The status {@code /q/health/ready} answers now. */
    public int readiness() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(30))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Whether the process still runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Kills the service with SIGKILL ({@code kill -9}: no shutdown hook, no clean stop of its processors or
     * connections; claims stay until their lease ends), waits until it is gone and removes the pid file.
     */
    public void kill() throws Exception {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service (pid " + pid() + ") outlived SIGKILL for 30 s");
        }
        Files.deleteIfExists(pidFile);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already
        }
        BenchRunner.log("service: killed (exit %d)", process.exitValue());
    }

    /** Stops the service (SIGTERM, then SIGKILL after 30 s) and removes the pid file. */
    @Override
    public void close() throws IOException {
        if (!process.isAlive()) {
            Files.deleteIfExists(pidFile);
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(pidFile);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException ignored) {
            // the JVM is shutting down already; the hook stops the process
        }
        BenchRunner.log("service: stopped (exit %s)", process.isAlive() ? "?" : process.exitValue());
    }

    private void awaitUp(String path, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see "
                        + LOG_FILE);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not answer 200 on " + path + " within " + timeout + "; see "
                + LOG_FILE);
    }

    private JsonNode post(String path, Object body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body))).build();
        return json(http.send(request, HttpResponse.BodyHandlers.ofString()), "POST " + path);
    }

    private JsonNode json(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
        }
        return mapper.readTree(response.body());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
