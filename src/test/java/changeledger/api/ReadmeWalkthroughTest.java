package changeledger.api;

import static changeledger.support.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import changeledger.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's walkthrough as written: its settings block is replaced by this instance's address and bootstrap
 * token, every other line runs with bash and the machine's curl and jq, and every curl call must answer 2xx.
 */
@QuarkusTest
class ReadmeWalkthroughTest {

    private static final Pattern BLOCK = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL);
    private static final Pattern STATUS = Pattern.compile("^HTTP (\\d{3}) (\\S+) (\\S+)$", Pattern.MULTILINE);
    /** Logs each call's status, method and URL on stderr, and makes a 4xx or 5xx fail the script. */
    private static final String CURL = "curl() { command curl --fail-with-body "
            + "-w '%{stderr}HTTP %{http_code} %{method} %{url_effective}\\n' \"$@\"; }\n";

    @TempDir
    Path work;

    @Test
    void givenTheReadmeWalkthrough_whenRunAsWritten_thenEveryCurlLineAnswers2xx() throws Exception {
        // the walkthrough is a shell session with curl and jq; a machine without them may skip it, CI may not
        boolean tools = onPath("curl") && onPath("jq");
        if (!tools && "1".equals(System.getenv("CHANGELEDGER_REQUIRE_TOOLS"))) {
            throw new AssertionError("CHANGELEDGER_REQUIRE_TOOLS=1 but curl or jq is not on the PATH");
        }
        Assumptions.assumeTrue(tools, "curl and jq are needed to run the README walkthrough");
        List<String> blocks = blocks(section(Files.readString(Path.of("README.md")), "## Walkthrough"));
        assertThat(blocks).as("the walkthrough: a settings block and the calls").hasSize(2);
        assertThat(settings(blocks.get(0))).containsExactly("URL=http://localhost:8080",
                "SETUP=" + devAdminToken());
        String calls = blocks.get(1);
        int curlLines = (int) calls.lines().filter(l -> l.contains("curl -") && !l.trim().startsWith("#")).count();

        Path script = work.resolve("walkthrough.sh");
        Files.writeString(script, CURL + "URL=http://localhost:" + RestAssured.port + "\nSETUP=" + Api.ADMIN_TOKEN
                + "\n" + calls);
        Process run = new ProcessBuilder("bash", "-e", "-o", "pipefail", script.toString()).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile())
                .start();
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).as("the walkthrough finishes within 2 minutes").isTrue();
        String out = Files.readString(work.resolve("out.txt"));
        String err = Files.readString(work.resolve("err.txt"));

        assertThat(run.exitValue()).as("exit status; stderr:\n%s\nstdout:\n%s", err, out).isZero();
        List<String> statuses = new ArrayList<>();
        Matcher status = STATUS.matcher(err);
        while (status.find()) {
            statuses.add(status.group(1) + " " + status.group(2) + " " + status.group(3));
        }
        assertThat(statuses).as("one call per curl line").hasSize(curlLines);
        assertThat(statuses).allMatch(s -> s.startsWith("2"), "every call answers 2xx");
        assertThat(Files.readString(work.resolve("stability-2026-11.html"))).contains("<html");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> asAdmin()
                .get("/api/v1/hosts/dns/entries?kind=change").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].summary", equalTo("apt full-upgrade on the node")));
    }

    /** The lines of the settings block that set something. */
    private static List<String> settings(String block) {
        return block.lines().map(l -> l.replaceAll("\\s+#.*$", "").trim()).filter(l -> !l.isEmpty())
                .toList();
    }

    private static String section(String readme, String heading) {
        int start = readme.indexOf("\n" + heading + "\n");
        assertThat(start).as("README has %s", heading).isNotNegative();
        int end = readme.indexOf("\n## ", start + heading.length() + 1);
        return readme.substring(start, end < 0 ? readme.length() : end);
    }

    private static List<String> blocks(String section) {
        List<String> blocks = new ArrayList<>();
        Matcher block = BLOCK.matcher(section);
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    private static String devAdminToken() throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Path.of("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties.getProperty("%dev.changeledger.admin-token");
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
