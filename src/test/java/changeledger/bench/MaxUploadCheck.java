package changeledger.bench;

import changeledger.ingestion.IngestionBody;
import changeledger.support.TaskLineGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;

/**
 * {@code bench/run.sh --max-upload}: the packaged service, with the deployment's JVM options, takes one
 * task-index upload as large as {@code changeledger.limits.upload-bytes} allows (64 MiB by default) in one
 * request, without running out of memory. Prints the lines, the events, the time and the service's peak RSS;
 * fails when the answer is not a 200 accepting every line.
 */
public final class MaxUploadCheck {

    /** The service's default upload limit, as {@code application.properties} sets it. */
    static final int UPLOAD_BYTES = 64 * 1024 * 1024;

    private MaxUploadCheck() {
    }

    /** Runs the check; takes the options of {@code bench/run.sh} for the database. */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args, System.getenv());
        StringBuilder body = new StringBuilder(UPLOAD_BYTES);
        TaskLineGenerator generator = new TaskLineGenerator("pve-bench-max", 64);
        int lines = 0;
        while (true) {
            String line = generator.nextIndexLine() + "\n";
            if (body.length() + line.length() > UPLOAD_BYTES || line.length() > IngestionBody.MAX_LINE_BYTES) {
                break;
            }
            body.append(line);
            lines++;
        }
        int bytes = body.toString().getBytes(StandardCharsets.UTF_8).length;
        try (BenchDatabase database = BenchDatabase.create(options);
             ServiceProcess service = ServiceProcess.start(database.jdbcUrl(), database.user(), database.password(),
                     BenchMain.MAPPER)) {
            service.registerHost("bench-max", "pve-bench-max");
            String token = service.createIngesterKey("bench-max");
            ProcessMemory before = memory(service);
            long start = System.nanoTime();
            JsonNode answer = service.ingestTaskIndex("bench-max", token, body.toString());
            double seconds = (System.nanoTime() - start) / 1e9;
            ProcessMemory after = memory(service);
            if (answer.path("accepted").asInt() != lines || !answer.path("rejected").isEmpty()) {
                throw new IllegalStateException("the upload answered " + answer);
            }
            System.out.printf("bench: max_upload_bytes %d bytes%n", bytes);
            System.out.printf("bench: max_upload_lines %d lines%n", lines);
            System.out.printf("bench: max_upload_events %d events%n", 2L * lines);
            System.out.printf("bench: max_upload_seconds %.1f s%n", seconds);
            System.out.printf("bench: max_upload_service_rss_before %d KiB%n", before.rssKib());
            System.out.printf("bench: max_upload_service_rss_peak %d KiB%n", after.hwmKib());
        }
    }

    private static ProcessMemory memory(ServiceProcess service) {
        return ProcessMemory.of(service.pid())
                .orElseThrow(() -> new IllegalStateException("cannot read /proc/" + service.pid() + "/status"));
    }
}
