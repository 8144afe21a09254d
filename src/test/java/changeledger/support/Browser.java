package changeledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A headless Chromium driven over WebDriver by Debian's chromedriver. Skips the test when neither is installed,
 * unless {@code CHANGELEDGER_REQUIRE_BROWSER=1}: then a missing browser fails it. Screenshots go to
 * {@code target/screenshots/}.
 */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    /** A new browser with its own profile (no cookies shared with another). */
    public static Browser open() {
        String chromium = executable("CHROMIUM_BIN", "chromium", "chromium-browser", "google-chrome");
        String chromedriver = executable("CHROMEDRIVER_BIN", "chromedriver");
        boolean required = "1".equals(System.getenv("CHANGELEDGER_REQUIRE_BROWSER"));
        if (chromium == null || chromedriver == null) {
            assertThat(required).as("CHANGELEDGER_REQUIRE_BROWSER=1 but Chromium (%s) or chromedriver (%s) is missing",
                    chromium, chromedriver).isFalse();
            Assumptions.assumeTrue(false, "No Chromium with chromedriver installed: the browser test is skipped");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2)).pageLoadTimeout(Duration.ofSeconds(60));
        return new Browser(driver);
    }

    /** The driver. */
    public WebDriver driver() {
        return driver;
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png} and returns its path. */
    public Path screenshot(String name) throws IOException {
        Path directory = Path.of("target", "screenshots");
        Files.createDirectories(directory);
        Path file = directory.resolve(name + ".png");
        Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), file,
                StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(file)).isPositive();
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static String executable(String variable, String... names) {
        String configured = System.getenv(variable);
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        for (String name : List.of(names)) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                File candidate = new File(dir, name);
                if (candidate.canExecute()) {
                    return candidate.getPath();
                }
            }
        }
        return null;
    }
}
