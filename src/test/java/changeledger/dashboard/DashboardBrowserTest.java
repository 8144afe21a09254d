package changeledger.dashboard;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.Browser;
import changeledger.support.ChangeRequests;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The dashboard in a real Chromium over WebDriver: verdicts, the four-eyes workflow, host scoping and CSRF. */
@QuarkusTest
class DashboardBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void givenReader_whenSignedIn_thenBothHostsWithTheirVerdictsAndNoApproveButton() throws Exception {
        // given: an infrastructure host with an unplanned change and a lab host with a task, this month
        String infra = registerHost("dash-infra", "infrastructure", "pve-dinfra");
        String lab = registerHost("dash-lab", "lab", "pve-dlab");
        ingestTask(infra, "pve-dinfra", "qmconfig");
        ingestTask(lab, "pve-dlab", "qmstart");
        awaitVerdict(infra, "unplanned changes");
        awaitVerdict(lab, "informational");
        String request = ChangeRequests.submit(createKey("submitter", infra), ChangeRequests.body(infra, "101",
                Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200)));

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            // when
            signIn(driver, createKey("reader", infra, lab));

            // then: both cards, the infrastructure host first, each with its verdict
            List<WebElement> cards = driver.findElements(By.cssSelector("section.host-card"));
            assertThat(cards).extracting(c -> c.getAttribute("data-host")).containsExactly(infra, lab);
            assertThat(cards.get(0).getAttribute("data-verdict")).isEqualTo("unplanned changes");
            assertThat(cards.get(0).getText()).contains("unplanned changes").contains("Budget units: 1 of 4");
            assertThat(cards.get(1).getAttribute("data-verdict")).isEqualTo("informational");
            browser.screenshot("dashboard-reader-home");
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            driver.navigate().refresh();
            assertThat((Boolean) ((JavascriptExecutor) driver).executeScript(
                    "return document.documentElement.scrollWidth <= window.innerWidth")).as("no sideways scroll")
                    .isTrue();
            browser.screenshot("dashboard-reader-phone");
            driver.get(url("change-requests/" + request));
            assertThat(driver.findElement(By.id("request-status")).getText()).isEqualTo("submitted");
            assertThat(driver.findElements(By.id("approve"))).isEmpty();
            assertThat(driver.findElements(By.tagName("button"))).extracting(WebElement::getText)
                    .noneMatch(text -> text.startsWith("Approve"));
            browser.screenshot("dashboard-reader-request");
        }
    }

    @Test
    void givenSubmitterAndApprover_whenSubmittedAndApprovedInTheBrowser_thenListedAndApproved() throws Exception {
        String host = registerHost("dash-flow", "infrastructure", "pve-dflow");
        String title = "Upgrade the storage controller firmware";
        try (Browser submitter = Browser.open()) {
            WebDriver driver = submitter.driver();
            signIn(driver, createKey("submitter", host));
            driver.get(url("change-requests"));
            driver.findElement(By.cssSelector("#hostId option[value='" + host + "']")).click();
            driver.findElement(By.id("target")).clear();
            driver.findElement(By.id("target")).sendKeys("node");
            driver.findElement(By.id("title")).sendKeys(title);
            setValue(driver, "plannedStart", "2026-12-20T10:00");
            setValue(driver, "plannedEnd", "2026-12-20T11:00");
            driver.findElement(By.id("submit")).click();

            assertThat(driver.findElement(By.id("submitted")).getText()).startsWith("Submitted change request");
            By listed = By.xpath("//table[@id='requests']//tr[td/a[text()='" + title + "']]");
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                if (driver.findElements(listed).isEmpty()) {
                    driver.navigate().refresh();
                    return false;
                }
                return true;
            });
            WebElement row = driver.findElement(listed);
            assertThat(row.getAttribute("data-status")).isEqualTo("submitted");
            submitter.screenshot("dashboard-submitter-listed");
        }
        try (Browser approver = Browser.open()) {
            WebDriver driver = approver.driver();
            signIn(driver, createKey("approver", host));
            driver.get(url("change-requests?host=" + host));
            driver.findElement(By.linkText(title)).click();
            driver.findElement(By.id("approve")).click();

            assertThat(driver.findElement(By.id("request-status")).getText()).isEqualTo("approved");
            assertThat(driver.findElements(By.id("self-approved"))).isEmpty();
            assertThat(driver.findElement(By.id("history")).getText()).contains("approved");
            approver.screenshot("dashboard-approver-approved");
        }
    }

    @Test
    void givenHostLimitedKey_whenBrowsingAndEditingUrls_thenTheOtherHostStaysInvisible() throws Exception {
        String mine = registerHost("dash-mine", "lab", "pve-dmine");
        String other = registerHost("dash-other", "infrastructure", "pve-dother");
        String request = ChangeRequests.submit(createKey("submitter", other), ChangeRequests.body(other, "node",
                Instant.now().plusSeconds(3600), Instant.now().plusSeconds(7200)));
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, createKey("approver", mine));
            assertThat(driver.findElements(By.cssSelector("section.host-card"))).extracting(c -> c.getAttribute(
                    "data-host")).containsExactly(mine);
            browser.screenshot("dashboard-limited-home");

            for (String path : List.of("hosts/" + other, "change-requests/" + request, "events?host=" + other,
                    "reports/view?host=" + other, "change-requests?host=" + other)) {
                driver.get(url(path));
                assertThat(driver.findElement(By.id("problem")).getAttribute("data-status")).as(path).isEqualTo("404");
                assertThat(driver.getPageSource()).as(path).doesNotContain("pve-dother");
            }
            browser.screenshot("dashboard-limited-other-host");
            driver.get(url("change-requests"));
            assertThat(driver.getPageSource()).doesNotContain(request).doesNotContain(other);
        }
    }

    @Test
    void givenSignedInSubmitter_whenAFormIsPostedWithoutTheCsrfToken_thenRefused() throws Exception {
        String host = registerHost("dash-csrf", "lab", "pve-dcsrf");
        String title = "forged " + Instant.now().toEpochMilli();
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            signIn(driver, createKey("submitter", host));
            driver.get(url("change-requests"));
            ((JavascriptExecutor) driver).executeScript("""
                    const f = document.createElement('form'); f.method = 'post'; f.action = '/change-requests';
                    for (const [n, v] of Object.entries({hostId: arguments[0], target: 'node', title: arguments[1],
                        plannedStart: '2026-12-20T10:00', plannedEnd: '2026-12-20T11:00', risk: 'low'})) {
                      const i = document.createElement('input'); i.name = n; i.value = v; f.appendChild(i); }
                    document.body.appendChild(f); f.submit();""", host, title);

            assertThat(driver.findElement(By.id("problem")).getAttribute("data-status")).isEqualTo("403");
            assertThat(driver.findElement(By.id("problem")).getText()).contains("did not carry the token");
            browser.screenshot("dashboard-csrf-refused");
        }
        as(createKey("reader", host)).queryParam("host", host).get("/api/v1/change-requests").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    private void signIn(WebDriver driver, String key) {
        driver.get(url("sign-in"));
        driver.findElement(By.id("apiKey")).sendKeys(key);
        driver.findElement(By.id("sign-in")).click();
        assertThat(driver.findElement(By.id("signed-in-user")).getText()).isNotBlank();
    }

    private String url(String path) {
        return base.toString() + path;
    }

    private static void setValue(WebDriver driver, String id, String value) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1];", driver.findElement(By.id(id)),
                value);
    }

    /** A finished task of this month on the host. */
    static void ingestTask(String host, String node, String type) {
        Instant monthStart = YearMonth.now(ZoneOffset.UTC).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = Instant.now().minusSeconds(600).isBefore(monthStart) ? monthStart.plusSeconds(1)
                : Instant.now().minusSeconds(600);
        String upid = UpidBuilder.upid().node(node).type(type).id("101").startTime(start).text();
        as(createKey("ingester", host)).contentType("text/plain")
                .body(TaskLines.body(TaskLines.index(upid, start.plusSeconds(5), "OK")))
                .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);
    }

    static void awaitVerdict(String host, String verdict) {
        String reader = createKey("reader", host);
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> verdict.equals(as(reader).queryParam("host", host)
                .get("/api/v1/reports/stability/" + month).then().extract().jsonPath().getString("hosts[0].verdict")));
    }
}
