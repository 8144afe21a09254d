package changeledger.dashboard;

import static changeledger.support.Api.as;
import static changeledger.support.Api.createKey;
import static changeledger.support.Api.registerHost;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import changeledger.support.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/** The HTML report opened from the dashboard in a real Chromium: its inline SVG charts are laid out with a size. */
@QuarkusTest
class ReportChartsBrowserTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void givenAMonthWithChangesAndAWindow_whenTheReportIsOpened_thenEveryChartRendersWithNonZeroSize()
            throws Exception {
        // given: a change task and a manual change with a disruption this month
        String host = registerHost("charts", "infrastructure", "pve-charts");
        DashboardBrowserTest.ingestTask(host, "pve-charts", "qmconfig");
        Instant at = Instant.now().minusSeconds(120);
        as(createKey("submitter", host)).contentType(ContentType.JSON).body(Map.of("kind", "change", "summary",
                "switch firmware", "occurredAt", at.toString(), "disruption", Map.of("start", at.minusSeconds(600)
                        .toString(), "end", at.toString()))).post("/api/v1/hosts/" + host + "/entries")
                .then().statusCode(201);
        String reader = createKey("reader", host);
        String month = YearMonth.now(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(60)).until(() -> as(reader).queryParam("host", host)
                .get("/api/v1/reports/stability/" + month).then().extract().jsonPath()
                .getInt("hosts[0].disruptions.count") == 1);

        try (Browser browser = Browser.open()) {
            WebDriver driver = browser.driver();
            driver.get(base + "sign-in");
            driver.findElement(By.id("apiKey")).sendKeys(reader);
            driver.findElement(By.id("sign-in")).click();
            driver.findElement(By.id("signed-in-user"));

            // when
            driver.get(base + "reports/view?month=" + month + "&host=" + host);

            // then: the four charts follow the verdict, each an svg with a size, with bars and a window drawn
            WebElement section = driver.findElement(By.id("host-" + host));
            List<WebElement> charts = section.findElements(By.cssSelector("figure.chart svg.chart-svg"));
            assertThat(charts).hasSize(4);
            for (WebElement svg : charts) {
                assertThat(svg.getSize().getWidth()).isPositive();
                assertThat(svg.getSize().getHeight()).isPositive();
            }
            assertThat(section.findElements(By.cssSelector("[data-chart='daily-changes'] rect.change"))).isNotEmpty();
            assertThat(section.findElements(By.cssSelector("[data-chart='disruption-timeline'] rect.unplanned")))
                    .hasSize(1);
            assertThat(driver.findElements(By.tagName("script"))).isEmpty();
            int verdict = section.findElement(By.cssSelector(".verdict")).getLocation().getY();
            assertThat(charts.get(0).getLocation().getY()).isGreaterThan(verdict);
            browser.screenshot("report-charts");
        }
    }
}
