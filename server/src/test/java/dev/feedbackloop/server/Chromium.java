package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through its chromedriver (or CHROME_BIN and CHROMEDRIVER), at 1280x800,
 * with networking beyond this machine off; screenshots go to {@code target/screenshots/}, and
 * {@link #axe} runs axe-core (vendored from npm, test resources) in the page.
 */
final class Chromium implements AutoCloseable {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    final ChromeDriver driver;

    Chromium(Path profile, String... extraArguments) throws IOException {
        String chrome = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
        String chromedriver = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
        assertThat(new File(chrome)).as("Chromium (apt-get install -y chromium chromium-driver, or ./test)").canRead();
        assertThat(new File(chromedriver)).as("ChromeDriver (apt-get install -y chromium-driver, or ./test)").canRead();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chrome);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,800",
                "--user-data-dir=" + Files.createDirectories(profile));
        options.addArguments(extraArguments);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(chromedriver))
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", CSP_LISTENER));
        Files.createDirectories(SCREENSHOTS);
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    void screenshot(String name) {
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The serious and critical axe-core violations of the page as it is now ("id (impact): help, n nodes"),
     * and its Content-Security-Policy violations ({@link #cspViolations}), so every page checked for
     * accessibility is checked for both.
     */
    @SuppressWarnings("unchecked")
    List<String> axe() {
        List<String> csp = cspViolations().stream().map(v -> "content-security-policy (serious): " + v).toList();
        driver.executeScript(axeSource());
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id,"
                + " impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).join(', ')}))))"
                + ".catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]));");
        return java.util.stream.Stream.concat(csp.stream(), ((List<Map<String, Object>>) result).stream()
                .filter(v -> "serious".equals(v.get("impact")) || "critical".equals(v.get("impact")))
                .map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("nodes"))).toList();
    }

    private static String axeSource() {
        try (InputStream in = Chromium.class.getResourceAsStream("/axe/axe.min.js")) {
            assertThat(in).as("axe-core in test resources").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many pixels of the canvases inside {@code selector} are drawn (not fully transparent). */
    long paintedPixels(String selector) {
        Object n = driver.executeScript("let n = 0; for (const c of document.querySelectorAll(arguments[0] + ' canvas')) {"
                + " const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + " for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; } return n;", selector);
        return ((Number) n).longValue();
    }

    /**
     * Runs in every document before its own scripts (DevTools' addScriptToEvaluateOnNewDocument, which
     * the page's policy does not govern) and records each {@code securitypolicyviolation} event.
     */
    private static final String CSP_LISTENER = "window.__cspViolations = [];"
            + " document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push("
            + "e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline code') + ' at ' + e.sourceFile + ':'"
            + " + e.lineNumber), true);";

    /**
     * The Content-Security-Policy violations of the page as it is now (a page that breaks its own policy),
     * as its {@code securitypolicyviolation} events recorded them from its first byte on, after letting
     * the tasks that fire those events run. {@link #axe} calls it, so every page checked for accessibility
     * is checked for this too. (It replaces reading the console log through chromedriver, which was read
     * at two moments in the browser tests and is emptied by each read: a violation on a page not followed
     * by a read, such as the explorer's and an entry's, or made after the read, went unseen.) Fails when
     * the recorder is missing, so an empty answer always means "none".
     */
    @SuppressWarnings("unchecked")
    List<String> cspViolations() {
        // the events are fired from tasks of their own: let those run first
        Object found = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + " setTimeout(() => done(window.__cspViolations === undefined ? null : window.__cspViolations), 50);");
        assertThat(found).as("the violation recorder runs in every page").isNotNull();
        return (List<String>) found;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
