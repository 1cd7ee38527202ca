package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.storage.sqlite.SqliteFeedbackStore;
import dev.feedbackloop.testdata.SyntheticFeedback;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Opens a generated HTML report from a file in a real headless Chromium with networking off and
 * checks that the charts render. Needs Debian's chromium and chromium-driver (or CHROME_BIN and
 * CHROMEDRIVER pointing at others). Run with {@code mvn verify}.
 */
class HtmlReportBrowserIT {
    static final Instant NOW = Instant.parse("2026-11-27T14:37:25Z");

    @TempDir
    Path dir;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() throws Exception {
        String chrome = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
        String driver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chrome)).as("Chromium (apt-get install -y chromium chromium-driver)").canRead();
        assertThat(new File(driver)).as("ChromeDriver (apt-get install -y chromium-driver)").canRead();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1000,1400",
                "--user-data-dir=" + Files.createDirectory(dir.resolve("chrome-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void chartsRenderFromAFileWithoutNetwork() throws Exception {
        Path html = dir.resolve("report.html");
        try (SqliteFeedbackStore store = SqliteFeedbackStore.open(dir.resolve("feedback.db"))) {
            SyntheticFeedback.seed(11).count(3000).between(NOW.minusSeconds(60L * 86400), NOW)
                    .framework("direct-answer", -0.15).tag("hallucination", -0.25).examples(0.4, 0.2)
                    .into(store);
            Reporter reporter = new Reporter(store, Clock.fixed(NOW, ZoneOffset.UTC));
            ImprovementReport report = reporter.generate(reporter.rolling(ReportPeriod.Kind.MONTHLY), 30);
            Files.writeString(html, ReportFormat.HTML.render(report, ZoneOffset.UTC));
        }
        Files.copy(html, Path.of("target", "report-sample.html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        browser.get(html.toUri().toString());

        assertThat(browser.getTitle()).isEqualTo("Monthly report 2026-11");
        for (String id : List.of("chart-daily", "chart-frameworks", "chart-tags")) {
            WebElement svg = browser.findElement(By.cssSelector("#" + id + " svg"));
            Rectangle box = svg.getRect();
            assertThat(box.getWidth()).as(id + " width").isGreaterThan(300);
            assertThat(box.getHeight()).as(id + " height").isGreaterThan(150);
            assertThat(svg.findElements(By.tagName("path")).size()).as(id + " paths").isGreaterThan(5);
        }
        assertThat(browser.findElement(By.id("chart-frameworks")).getText()).contains("direct-answer", "overall");
        assertThat(browser.findElement(By.id("chart-daily")).getText()).contains("Daily success rate");
        Object bandArea = browser.executeScript("let best = 0; for (const p of "
                + "document.querySelectorAll('#chart-daily svg path')) { const b = p.getBBox(); "
                + "best = Math.max(best, b.width * b.height); } return best;");
        assertThat(((Number) bandArea).doubleValue()).as("interval band area").isGreaterThan(10_000);

        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(browser.getScreenshotAs(OutputType.BYTES)));
        WebElement daily = browser.findElement(By.cssSelector("#chart-daily svg"));
        assertThat(bluePixels(shot, daily.getRect())).as("blue rate line and band drawn").isGreaterThan(500);
        Files.write(Path.of("target", "report-screenshot.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Pixels of the chart's blue (rate line and its band) inside the element's box. */
    static int bluePixels(BufferedImage img, Rectangle r) {
        int n = 0;
        for (int y = Math.max(0, r.getY()); y < Math.min(img.getHeight(), r.getY() + r.getHeight()); y++) {
            for (int x = Math.max(0, r.getX()); x < Math.min(img.getWidth(), r.getX() + r.getWidth()); x++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (blue > 150 && blue > red + 40 && blue > green + 10) {
                    n++;
                }
            }
        }
        return n;
    }
}
