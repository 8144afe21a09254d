package changeledger.report;

import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.ChangeRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One count, named once: every number the HTML and Markdown reports state about changes, budget units, disruption
 * minutes and the trend is the JSON report's, and the CSV's figures too.
 */
@QuarkusTest
class ReportNumbersAgreeTest {

    private static final String MONTH = "2026-10";
    private static final Pattern FIGURE = Pattern.compile("<td data-figure=\"([a-z-]+)\">([^<]*)</td>");
    private static final Pattern CELL = Pattern.compile("<td[^>]*>([^<]*)</td>");
    private static final Pattern LEADING = Pattern.compile("^(\\d+(?:\\.\\d+)?)(?: of (\\d+))?");

    private ReportMonth month;

    /**
     * An infrastructure host (4 budget units, 30 minutes). September: two config changes of 101 in one hour.
     * October: two unplanned config changes of 101 in one hour; a change request for 102 covering a config change,
     * a stop and a start; a config PUT of 103 through the API; a manual change with a 45-minute disruption; and 104
     * stopped on the 30th, never started.
     */
    @BeforeEach
    void month() {
        String host = registerHost("numbers", "infrastructure", "pve-numbers");
        month = new ReportMonth(host, "pve-numbers");
        String submitter = createKey("submitter", host);
        String request = ChangeRequests.submit(submitter, ChangeRequests.body(host, "102",
                Instant.parse("2026-10-10T09:00:00Z"), Instant.parse("2026-10-10T11:00:00Z")));
        ChangeRequests.step(createKey("approver", host), request, "approve", Map.of("comment", "ok")).statusCode(200);
        month.tasks(task("qmconfig", "101", "2026-09-15T08:00:00Z"), task("qmconfig", "101", "2026-09-15T08:10:00Z"),
                task("qmconfig", "101", "2026-10-05T10:00:00Z"), task("qmconfig", "101", "2026-10-05T10:30:00Z"),
                task("qmconfig", "102", "2026-10-10T09:30:00Z"), task("qmstop", "102", "2026-10-10T09:40:00Z"),
                task("qmstart", "102", "2026-10-10T09:50:00Z"), task("qmstop", "104", "2026-10-30T22:00:00Z"));
        month.calls(month.call("PUT", "qemu/103/config", Instant.parse("2026-10-20T14:00:00Z")));
        month.manualChange("replaced the switch", Instant.parse("2026-10-21T20:00:00Z"),
                Instant.parse("2026-10-21T20:45:00Z"));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonPath report = month.json(MONTH);
            return report.getInt("hosts[0].changes.observed") == 7 && report.getInt("hosts[0].disruptions.count") == 3
                    && report.getInt("hosts[0].trend[4].changes") == 2;
        });
    }

    @Test
    void givenAMonthWithPlannedAndUnplannedChangesAndWindows_thenHtmlMarkdownAndCsvStateTheJsonsNumbers() {
        JsonPath json = month.json(MONTH);
        String html = month.text(MONTH, "text/html");
        String markdown = month.text(MONTH, "text/markdown");
        String csv = month.text(MONTH, "text/csv");

        // the JSON itself: 7 changes (2 planned) make 5 budget units; the trend's month is the month
        assertThat(json.getInt("hosts[0].changes.observed")).isEqualTo(7);
        assertThat(json.getInt("hosts[0].changes.planned")).isEqualTo(2);
        assertThat(json.getInt("hosts[0].changes.unplanned")).isEqualTo(5);
        assertThat(json.getInt("hosts[0].changes.budgetCount")).isEqualTo(5);
        assertThat(json.getList("hosts[0].reasons", String.class)).contains(
                "Budget units: 5 of a budget of 4 (7 changes), over budget.",
                "5 changes have no covering change request, which this host requires.");
        assertThat(json.getInt("hosts[0].trend[5].changes")).isEqualTo(7);
        assertThat(json.getInt("hosts[0].trend[5].budgetUnits")).isEqualTo(5);
        assertThat(json.getDouble("hosts[0].trend[5].disruptionMinutes"))
                .isEqualTo(json.getDouble("hosts[0].disruptions.minutes"));
        assertThat(json.getInt("hosts[0].trend[4].changes")).isEqualTo(2);
        assertThat(json.getInt("hosts[0].trend[4].budgetUnits")).isEqualTo(1);

        Map<String, String> expected = expectedFigures(json);
        assertThat(htmlFigures(html)).containsAllEntriesOf(expected);
        assertThat(markdownFigures(markdown)).containsAllEntriesOf(expected);

        List<List<String>> trend = expectedTrend(json);
        assertThat(htmlTable(html, "trend")).isEqualTo(trend);
        assertThat(markdownTable(markdown, "Trend")).isEqualTo(trend);

        List<String> windowMinutes = json.getList("hosts[0].disruptions.windows.durationMinutes", Float.class)
                .stream().map(m -> String.format(Locale.ROOT, "%.1f", m)).toList();
        assertThat(htmlTable(html, "disruptions").stream().map(row -> row.get(3)).toList()).isEqualTo(windowMinutes);
        assertThat(markdownTable(markdown, "Disruptions").stream().map(row -> row.get(3)).toList())
                .isEqualTo(windowMinutes);

        List<String> reasons = json.getList("hosts[0].reasons", String.class);
        assertThat(htmlReasons(html)).isEqualTo(reasons);
        assertThat(markdownReasons(markdown)).isEqualTo(reasons);

        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        List<String> row = List.of(csv.lines().skip(1).findFirst().orElseThrow().split(",", -1));
        assertThat(row.get(header.indexOf("changes"))).isEqualTo(json.getString("hosts[0].changes.observed"));
        assertThat(row.get(header.indexOf("budgetCount"))).isEqualTo(json.getString("hosts[0].changes.budgetCount"));
        assertThat(row.get(header.indexOf("disruptionMinutes")))
                .isEqualTo(minutes(json.getDouble("hosts[0].disruptions.minutes")));
        assertThat(row.get(header.indexOf("planned"))).isEqualTo(json.getString("hosts[0].changes.planned"));
        assertThat(row.get(header.indexOf("unplanned"))).isEqualTo(json.getString("hosts[0].changes.unplanned"));
    }

    /** The figures as the JSON gives them, each reduced to its numbers. */
    private static Map<String, String> expectedFigures(JsonPath json) {
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("changes", json.getString("hosts[0].changes.observed"));
        figures.put("budget units", json.getString("hosts[0].changes.budgetCount") + " of "
                + json.getString("hosts[0].policy.monthlyChangeBudget"));
        figures.put("disruption minutes", minutes(json.getDouble("hosts[0].disruptions.minutes")) + " of "
                + json.getString("hosts[0].policy.monthlyDisruptionMinutes"));
        figures.put("planned / unplanned", json.getString("hosts[0].changes.planned") + " / "
                + json.getString("hosts[0].changes.unplanned"));
        figures.put("disruptions", json.getString("hosts[0].disruptions.count"));
        figures.put("days since disruption", json.getString("hosts[0].daysSinceLastDisruption"));
        return figures;
    }

    private static List<List<String>> expectedTrend(JsonPath json) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < json.getInt("hosts[0].trend.size()"); i++) {
            String item = "hosts[0].trend[" + i + "].";
            rows.add(List.of(json.getString(item + "month"), json.getString(item + "changes"),
                    json.getString(item + "budgetUnits"), minutes(json.getDouble(item + "disruptionMinutes"))));
        }
        return rows;
    }

    private static Map<String, String> htmlFigures(String html) {
        Map<String, String> figures = new LinkedHashMap<>();
        Matcher m = FIGURE.matcher(html);
        while (m.find()) {
            String value = m.group(2);
            switch (m.group(1)) {
                case "changes" -> figures.put("changes", value);
                case "budget-units" -> figures.put("budget units", numbers(value));
                case "disruption-minutes" -> figures.put("disruption minutes", numbers(value.replace(" min", "")));
                case "planned-unplanned" -> figures.put("planned / unplanned", value);
                case "disruptions" -> figures.put("disruptions", value.substring(0, value.indexOf(' ')));
                case "days-since-disruption" -> figures.put("days since disruption", value);
                default -> { }
            }
        }
        return figures;
    }

    private static Map<String, String> markdownFigures(String markdown) {
        Map<String, String> figures = new LinkedHashMap<>();
        for (String line : markdown.lines().toList()) {
            String[] cells = line.split("\\|");
            if (cells.length != 3) {
                continue;
            }
            String name = cells[1].trim();
            String value = cells[2].trim();
            switch (name) {
                case "changes" -> figures.put("changes", value);
                case "budget units" -> figures.put("budget units", numbers(value));
                case "disruption minutes" -> figures.put("disruption minutes", numbers(value));
                case "planned / unplanned changes" -> figures.put("planned / unplanned", value);
                case "disruptions" -> figures.put("disruptions", value);
                case "days since last disruption" -> figures.put("days since disruption", value);
                default -> { }
            }
        }
        return figures;
    }

    private static List<List<String>> htmlTable(String html, String name) {
        int start = html.indexOf("<table class=\"" + name + "\">");
        assertThat(start).as("the HTML table " + name).isNotNegative();
        String body = html.substring(html.indexOf("<tbody>", start), html.indexOf("</tbody>", start));
        List<List<String>> rows = new ArrayList<>();
        for (String row : body.split("<tr>")) {
            List<String> cells = new ArrayList<>();
            Matcher m = CELL.matcher(row);
            while (m.find()) {
                cells.add(m.group(1));
            }
            if (!cells.isEmpty()) {
                rows.add(cells);
            }
        }
        return rows;
    }

    private static List<List<String>> markdownTable(String markdown, String title) {
        List<String> lines = markdown.lines().toList();
        int at = lines.indexOf("### " + title);
        assertThat(at).as("the Markdown table " + title).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        for (int i = at + 4; i < lines.size() && lines.get(i).startsWith("| "); i++) {
            String line = lines.get(i);
            rows.add(List.of(line.substring(2, line.length() - 2).split(" \\| ")));
        }
        return rows;
    }

    private static List<String> htmlReasons(String html) {
        int start = html.indexOf("<ul class=\"reasons\">");
        String list = html.substring(start, html.indexOf("</ul>", start));
        List<String> reasons = new ArrayList<>();
        Matcher m = Pattern.compile("<li>([^<]*)</li>").matcher(list);
        while (m.find()) {
            reasons.add(m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&#39;", "'").replace("&amp;", "&"));
        }
        return reasons;
    }

    private static List<String> markdownReasons(String markdown) {
        List<String> lines = markdown.lines().toList();
        int at = lines.indexOf(lines.stream().filter(l -> l.startsWith("**Verdict: ")).findFirst().orElseThrow());
        List<String> reasons = new ArrayList<>();
        for (int i = at + 2; i < lines.size() && lines.get(i).startsWith("- "); i++) {
            reasons.add(lines.get(i).substring(2).replaceAll("\\\\(.)", "$1").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&"));
        }
        return reasons;
    }

    /** "5 of 4" or "1625.3 of 30" as stated, nothing after. */
    private static String numbers(String value) {
        Matcher m = LEADING.matcher(value);
        assertThat(m.find()).as(value).isTrue();
        return m.group(2) == null ? m.group(1) : m.group(1) + " of " + m.group(2);
    }

    private static String minutes(double minutes) {
        return String.format(Locale.ROOT, "%.1f", minutes);
    }

    private String task(String type, String guest, String start) {
        return month.task(type, guest, Instant.parse(start), "root@pam", "OK");
    }
}
