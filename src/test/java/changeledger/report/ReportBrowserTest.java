package changeledger.report;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless Chromium: the browser parses the page the service sends, and the DOM it
 * builds holds the verdict and the evidence, with text from events shown as text, never as markup. Skips only when
 * no Chromium is installed and {@code CHANGELEDGER_REQUIRE_BROWSER} is not set.
 */
@QuarkusTest
class ReportBrowserTest {

    private static final String HOSTILE = "upgrade <img src=x onerror=\"document.title='injected'\">";

    @TempDir
    Path directory;

    @Test
    void givenReportPage_whenOpenedInChromium_thenVerdictAndEvidenceAreInTheDomAndEventTextStaysText() throws Exception {
        String chromium = chromium();
        // given: an infrastructure host with a config change and a manual change with its disruption in October
        String host = registerHost("browser", "infrastructure", "pve-browser");
        String reader = createKey("reader", host);
        String task = UpidBuilder.upid().node("pve-browser").type("qmconfig").id("101")
                .startTime(Instant.parse("2026-10-14T19:50:00Z")).text();
        as(createKey("ingester", host)).contentType("text/plain")
                .body(TaskLines.body(TaskLines.index(task, Instant.parse("2026-10-14T19:50:05Z"), "OK")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
        as(createKey("submitter", host)).contentType(ContentType.JSON).body(Map.of("kind", "change", "summary", HOSTILE,
                "occurredAt", "2026-10-14T20:00:00Z", "disruption", Map.of("start", "2026-10-14T20:00:00Z",
                        "end", "2026-10-14T20:45:00Z"))).post("/api/v1/hosts/" + host + "/entries").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).until(() -> as(reader).queryParam("host", host)
                .get("/api/v1/reports/stability/2026-10").then().extract().jsonPath()
                .getInt("hosts[0].disruptions.count") == 1);
        String html = as(reader).accept("text/html").queryParam("host", host).get("/api/v1/reports/stability/2026-10")
                .then().statusCode(200).extract().asString();
        Path page = directory.resolve("report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);

        // when: Chromium loads the page and prints the DOM it built
        String dom = dumpDom(chromium, page);

        // then
        assertThat(dom).contains("<title>Stability report 2026-10</title>")
                .contains("id=\"host-" + host + "\"").contains("data-verdict=\"over budget\"")
                .contains("Disruption: 45.0 minutes of a budget of 30 minutes, over budget.")
                .contains("upgrade &lt;img src=x onerror=\"document.title='injected'\"&gt;")
                .doesNotContain("<img").doesNotContain("injected</title>");
    }

    private String dumpDom(String chromium, Path page) throws Exception {
        Path out = directory.resolve("dom.html");
        Process process = new ProcessBuilder(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + directory.resolve("profile"),
                "--dump-dom", page.toUri().toString()))
                .redirectOutput(out.toFile()).redirectError(directory.resolve("chromium.log").toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("Chromium finished").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit code; its log: %s",
                Files.readString(directory.resolve("chromium.log"))).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** The Chromium to use: CHROMIUM_BIN, else chromium or chromium-browser on the PATH. */
    private static String chromium() {
        String configured = System.getenv("CHROMIUM_BIN");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.getPath();
                }
            }
        }
        boolean required = "1".equals(System.getenv("CHANGELEDGER_REQUIRE_BROWSER"));
        assertThat(required).as("CHANGELEDGER_REQUIRE_BROWSER=1 but no Chromium is installed").isFalse();
        Assumptions.assumeTrue(false, "No Chromium installed: the browser test is skipped");
        return null;
    }
}
