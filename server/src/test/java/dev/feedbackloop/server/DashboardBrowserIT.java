package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real Chromium against a real server and SQLite file: sign-in, the overview's
 * numbers against the API's, charts drawn, filters in the URL, the explorer's search, the other
 * pages, and axe-core on each. Screenshots in {@code target/screenshots/}.
 */
class DashboardBrowserIT {
    @TempDir
    Path dir;
    ServerFixture s;
    Chromium browser;

    @BeforeEach
    void start() throws Exception {
        s = new ServerFixture(dir);
        DashboardData.seed(s.loop);
        browser = new Chromium(dir.resolve("profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        s.close();
    }

    private String base() {
        return "http://127.0.0.1:" + s.server.port();
    }

    private void signIn(String path) {
        browser.driver.get(base() + path);
        browser.until(ExpectedConditions.urlContains("/login"));
        browser.screenshot("login");
        assertThat(browser.axe()).as("axe on the login page").isEmpty();
        browser.driver.findElement(By.id("key")).sendKeys(s.readKey + Keys.ENTER);
        browser.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        assertThat(browser.driver.getCurrentUrl()).isEqualTo(base() + path);
    }

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    void overviewShowsTheApisNumbersDrawsChartsAndKeepsFiltersInTheUrl() throws Exception {
        signIn("/?period=30d");
        browser.until(d -> text("c-count").equals("600"));
        Map<String, Object> api = ServerFixture.json(s.get("/api/v1/overview?period=30d", s.readKey));
        Map<String, Object> current = (Map<String, Object>) api.get("current");
        assertThat(text("c-rate")).isEqualTo(String.format(Locale.ROOT, "%.1f%%", (Double) current.get("success_rate") * 100));
        assertThat(text("c-avg")).isEqualTo(String.format(Locale.ROOT, "%.2f", (Double) current.get("avg_rating")));
        assertThat(text("table-frameworks")).contains("chain-of-thought", "direct-answer");
        assertThat(text("findings")).contains("framework direct-answer");
        browser.until(d -> browser.paintedPixels("#chart-rate") > 2_000);
        assertThat(browser.paintedPixels("#chart-volume")).isGreaterThan(1_000);
        Object paint = browser.driver.executeScript("const m = performance.getEntriesByName('overview-shown')[0];"
                + " const f = performance.getEntriesByName('first-contentful-paint')[0];"
                + " return [m ? m.startTime : -1, f ? f.startTime : -1];");
        Files.writeString(Chromium.SCREENSHOTS.resolve("overview-paint.txt"), "overview shown, first contentful paint (ms): "
                + paint + "\n");
        browser.screenshot("overview");

        // live: a capture appears without a reload
        assertThat(s.post("/api/v1/feedback", s.captureKey, ServerFixture.entry("A new question", 5)).statusCode()).isEqualTo(201);
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(30))
                .until(d -> text("c-count").equals("601"));
        assertThat(browser.axe()).as("axe on the overview").isEmpty();

        new Select(browser.driver.findElement(By.id("f-framework"))).selectByValue("direct-answer");
        browser.until(d -> text("c-count").equals("300"));
        assertThat(browser.driver.getCurrentUrl()).contains("period=30d").contains("framework=direct-answer");
        Map<String, Object> filtered = (Map<String, Object>) ServerFixture.json(
                s.get("/api/v1/overview?period=30d&framework=direct-answer", s.readKey)).get("current");
        assertThat(text("c-rate")).isEqualTo(String.format(Locale.ROOT, "%.1f%%", (Double) filtered.get("success_rate") * 100));
        browser.until(d -> text("phrases-note").contains("the framework filter does not apply to phrases"));
        browser.screenshot("overview-filtered");

        // a slow answer for the view before (a poll, or Back) must not replace the view chosen after it
        new Select(browser.driver.findElement(By.id("f-framework"))).selectByValue("");
        browser.until(d -> text("c-count").equals("601"));
        browser.driver.executeScript("const send = window.fetch; window.slowDone = false;"
                + " window.fetch = (url, init) => String(url).startsWith('/api/v1/overview') && !String(url).includes('framework')"
                + " ? new Promise(r => setTimeout(r, 2000)).then(() => send(url, init)).finally(() => setTimeout(() =>"
                + " { window.slowDone = true; }, 500)) : send(url, init);"
                + " window.dispatchEvent(new PopStateEvent('popstate'));");
        new Select(browser.driver.findElement(By.id("f-framework"))).selectByValue("direct-answer");
        browser.until(d -> text("c-count").equals("300"));
        browser.until(d -> Boolean.TRUE.equals(browser.driver.executeScript("return window.slowDone;")));
        assertThat(text("c-count")).as("the older, slower answer is not shown").isEqualTo("300");
        assertThat(new Select(browser.driver.findElement(By.id("f-framework"))).getFirstSelectedOption().getText())
                .isEqualTo("direct-answer");

        // a shared link opens the same view
        browser.driver.get(base() + "/?period=7d&model=claude-haiku");
        browser.until(d -> !text("c-count").equals("–"));
        assertThat(new Select(browser.driver.findElement(By.id("f-model"))).getFirstSelectedOption().getText())
                .isEqualTo("claude-haiku");
        long haiku7d = ((Number) ((Map<String, Object>) ServerFixture.json(s.get("/api/v1/overview?period=7d&model=claude-haiku",
                s.readKey)).get("current")).get("count")).longValue();
        assertThat(text("c-count")).isEqualTo(String.format(Locale.ROOT, "%,d", haiku7d));

        assertThat(browser.cspViolations()).as("the pages keep their own Content-Security-Policy").isEmpty();

        // a period without feedback says what to do
        browser.driver.get(base() + "/?period=2025-01");
        browser.until(d -> text("c-count").equals("0"));
        WebElement empty = browser.driver.findElement(By.id("overview-empty"));
        assertThat(empty.isDisplayed()).isTrue();
        assertThat(empty.getText()).contains("feedback demo", base() + "/api/v1/feedback");
        assertThat(text("findings")).contains("capture more feedback");
        browser.screenshot("overview-empty");

        // on a phone
        browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.driver.get(base() + "/?period=30d");
        browser.until(d -> text("c-count").equals("601"));
        Object overflow = browser.driver.executeScript("return document.documentElement.scrollWidth - window.innerWidth;");
        Object wide = browser.driver.executeScript("return [...document.querySelectorAll('body *')].filter(e =>"
                + " e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 8).map(e => e.tagName + '#' + e.id + '.'"
                + " + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ');");
        assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone: " + wide).isLessThanOrEqualTo(0);
        browser.screenshot("overview-phone");
    }

    @Test
    void explorerFindsAnEntryByAWordInItsNotesAndShowsItsPage() {
        signIn("/?view=explorer");
        browser.until(d -> text("status").contains("entries shown"));
        WebElement q = browser.driver.findElement(By.id("s-q"));
        q.sendKeys(DashboardData.NEEDLE + Keys.ENTER);
        browser.until(ExpectedConditions.urlContains("q=" + DashboardData.NEEDLE));
        browser.until(d -> text("status").startsWith("1 entries shown"));
        assertThat(text("results")).contains("the answer mentioned " + DashboardData.NEEDLE);
        browser.screenshot("explorer");
        assertThat(browser.axe()).as("axe on the explorer").isEmpty();

        browser.driver.findElement(By.cssSelector("#results tbody a")).click();
        browser.until(ExpectedConditions.urlContains("entry=" + DashboardData.NEEDLE_ID));
        browser.until(d -> text("entry").contains(DashboardData.NEEDLE));
        assertThat(text("entry")).contains("Explain topic 17 step by step", "answer 17", "direct-answer");
        browser.screenshot("entry");
        assertThat(browser.axe()).as("axe on an entry page").isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsSuggestionsAndRouterPagesWork() throws Exception {
        signIn("/?view=reports");
        browser.until(d -> text("reports").length() > 0);
        browser.driver.findElement(By.id("gen-weekly")).click();
        browser.until(d -> !d.findElements(By.cssSelector("#reports a[href*='format=html']")).isEmpty());
        assertThat(text("reports")).contains("weekly");
        browser.screenshot("reports");
        assertThat(browser.axe()).as("axe on reports").isEmpty();

        browser.driver.get(base() + "/?view=suggestions");
        browser.driver.findElement(By.id("g-days")).clear();
        browser.driver.findElement(By.id("g-days")).sendKeys("30");
        browser.driver.findElement(By.cssSelector("#suggest-form button")).click();
        browser.until(d -> text("suggestions").contains("Source:"));
        browser.driver.findElement(By.id("r-prompt")).sendKeys("Explain recursion");
        browser.driver.findElement(By.cssSelector("#rewrite-form button")).click();
        browser.until(d -> text("rewrite").contains("Rewritten prompt"));
        browser.screenshot("suggestions");
        assertThat(browser.axe()).as("axe on suggestions").isEmpty();

        browser.driver.get(base() + "/?view=router");
        browser.until(d -> !text("router-types").startsWith("Loading"));
        assertThat(browser.driver.findElements(By.cssSelector("#router-types h2"))).isNotEmpty();
        WebElement reasoning = browser.driver.findElement(By.cssSelector("#router-types section[aria-label='Task type reasoning']"));
        assertThat(reasoning.getText()).contains("P(best)", "chain-of-thought", "direct-answer", "300");
        // the weekly trend of routed prompts: its chart is painted and its table holds the API's weeks
        browser.until(d -> browser.paintedPixels("#router-types section[aria-label='Task type reasoning'] .trend-plot") > 2_000);
        Map<String, Object> routerApi = ServerFixture.json(s.get("/api/v1/router", s.readKey));
        Map<String, Object> reasoningApi = ((List<Map<String, Object>>) routerApi.get("task_types")).stream()
                .filter(t -> t.get("task_type").equals("reasoning")).findFirst().orElseThrow();
        List<Map<String, Object>> rated = ((List<Map<String, Object>>) ((Map<String, Object>) reasoningApi.get("trend")).get("weeks")).stream()
                .filter(w -> ((Number) w.get("outcomes")).longValue() > 0).toList();
        assertThat(rated).isNotEmpty();
        assertThat(rated.stream().mapToLong(w -> ((Number) w.get("outcomes")).longValue()).sum())
                .isEqualTo(DashboardData.COUNT);
        List<WebElement> rows = reasoning.findElements(By.cssSelector(".trend > table > tbody > tr"));
        assertThat(rows).hasSize(rated.size());
        Map<String, Object> lastWeek = rated.get(rated.size() - 1);
        assertThat(rows.get(rows.size() - 1).getText()).startsWith((String) lastWeek.get("start"))
                .contains(String.format(Locale.ROOT, "%.1f%%", ((Number) lastWeek.get("success_rate")).doubleValue() * 100));
        browser.driver.executeScript("arguments[0].scrollIntoView()", reasoning.findElement(By.cssSelector(".trend")));
        browser.screenshot("router-trend");
        browser.driver.findElement(By.id("x-task")).sendKeys("Explain how neural networks learn" + Keys.ENTER);
        browser.until(d -> text("route").contains("Task type"));
        browser.screenshot("router");
        assertThat(browser.cspViolations()).as("the pages keep their own Content-Security-Policy").isEmpty();
        assertThat(browser.axe()).as("axe on the router page").isEmpty();
    }
}
