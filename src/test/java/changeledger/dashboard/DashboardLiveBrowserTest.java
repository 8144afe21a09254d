package changeledger.dashboard;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.Browser;
import changeledger.support.TaskLines;
import changeledger.support.UpidBuilder;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The events page in live mode, in a real Chromium: a task ingested through the API appears without a reload. */
@QuarkusTest
class DashboardLiveBrowserTest {

    private static final String HOSTILE = "<img src=x onerror=window.__pwned=1>";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URL base;

    @Test
    void givenTheEventsPageLive_whenATaskIsIngested_thenItsEventsAppearWithoutAReload() throws Exception {
        String host = registerHost("dash-live", "lab", "pve-dlive");
        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(base + "sign-in");
            driver.findElement(By.id("apiKey")).sendKeys(createKey("reader", host));
            driver.findElement(By.id("sign-in")).click();
            assertThat(driver.findElement(By.id("signed-in-user")).getText()).isNotBlank();
            driver.get(base + "events?host=" + host);
            ((JavascriptExecutor) driver).executeScript("window.__page = 'same page'");
            driver.findElement(By.id("live-toggle")).click();
            await().atMost(WAIT).until(() -> "open".equals(driver.findElement(By.id("events"))
                    .getAttribute("data-live")));

            Instant start = Instant.now().minusSeconds(120);
            String upid = UpidBuilder.upid().node("pve-dlive").type("qmstart").id("101").user("root@pam")
                    .startTime(start).text();
            as(createKey("ingester", host)).contentType("text/plain")
                    .body(TaskLines.body(TaskLines.index(upid, start.plusSeconds(5), "OK")))
                    .post("/api/v1/hosts/" + host + "/ingest/task-index").then().statusCode(200);

            By finished = By.xpath("//table[@id='events']//tr[contains(@class,'live-row')]"
                    + "[td[text()='ProxmoxTaskFinished']]");
            await().atMost(WAIT).until(() -> !driver.findElements(finished).isEmpty());
            WebElement row = driver.findElement(finished);
            assertThat(row.getText()).contains(host).contains("qmstart");
            assertThat(driver.findElements(By.cssSelector("#events tr.live-row"))).hasSizeGreaterThanOrEqualTo(2);
            // a summary of markup arrives as text
            as(createKey("submitter", host)).contentType("application/json").body(java.util.Map.of("kind", "change",
                    "summary", HOSTILE, "occurredAt", Instant.now().minusSeconds(60).toString()))
                    .post("/api/v1/hosts/" + host + "/entries").then().statusCode(201);
            By entry = By.xpath("//table[@id='events']//tr[contains(@class,'live-row')][td[text()='" + HOSTILE
                    + "']]");
            await().atMost(WAIT).until(() -> !driver.findElements(entry).isEmpty());
            assertThat(driver.findElements(By.cssSelector("#events img"))).isEmpty();
            JavascriptExecutor js = (JavascriptExecutor) driver;
            assertThat(js.executeScript("return window.__pwned === undefined")).isEqualTo(true);
            assertThat(js.executeScript("return window.__page")).as("no reload").isEqualTo("same page");
            browser.screenshot("dashboard-events-live");
        }
    }
}
