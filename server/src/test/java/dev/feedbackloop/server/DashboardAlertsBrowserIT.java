package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.alerts.Delivery;
import dev.feedbackloop.alerts.Destination;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.AlertStore;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.storage.StoreLocations;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The Alerts view and the task-type adjusted findings in a real Chromium against a real server and
 * SQLite file. Known data: a framework used mostly for easy tasks (few-shot on code, which succeeds
 * 90% of the time for every framework) against one used mostly for hard ones (direct-answer on
 * writing, 30% for every framework), so the raw comparison favours few-shot and the comparison
 * within task types finds nothing; an alert kept in the store with one delivery that ended dead and
 * one delivered. Screenshots in {@code target/screenshots/}.
 */
class DashboardAlertsBrowserIT {
    private static final String EXAMPLE_ID = "failed-example";
    private static final String ALERT_KEY = "success_rate_drop/framework/direct-answer/2026-11-20";

    @TempDir
    Path dir;
    ServerFixture s;
    Chromium browser;

    @BeforeEach
    void start() throws Exception {
        s = new ServerFixture(dir);
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

    private String text(String id) {
        return browser.driver.findElement(By.id(id)).getText();
    }

    private void signIn(String path) {
        browser.driver.get(base() + path);
        browser.until(ExpectedConditions.urlContains("/login"));
        browser.driver.findElement(By.id("key")).sendKeys(s.readKey + Keys.ENTER);
        browser.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    /** 400 entries over the last 20 days: success depends on the task type only, not on the framework. */
    private void seedConfounded() {
        Instant now = s.loop.clock().instant();
        List<FeedbackEntry> entries = new ArrayList<>();
        int i = 0;
        for (String fw : List.of("few-shot", "direct-answer")) {
            for (String type : List.of("code", "writing")) {
                boolean usual = fw.equals("few-shot") == type.equals("code");
                int n = usual ? 160 : 40;
                int successesPer10 = type.equals("code") ? 9 : 3;
                for (int k = 0; k < n; k++, i++) {
                    boolean good = k % 10 < successesPer10;
                    FeedbackEntry.Builder b = FeedbackEntry.builder("Task " + i + " of type " + type, "answer " + i,
                                    good ? 5 : 1).thumbsUp(good)
                            .timestamp(now.minus(Duration.ofHours(1 + (i * 7L) % (20 * 24))))
                            .context(Map.of("framework", fw, "model", "claude-sonnet", "task_type", type));
                    if (!good && fw.equals("direct-answer") && type.equals("writing") && k == 9) {
                        b.feedbackId(EXAMPLE_ID).notes("missed <b>the point</b>");
                    }
                    entries.add(b.build(s.loop.clock()));
                }
            }
        }
        s.loop.captureAll(entries);
    }

    /** An alert as the monitor writes it, with one dead and one delivered delivery, through the store. */
    private void seedAlert() {
        Instant now = s.loop.clock().instant();
        s.loop.alerts().addDestination(new Destination("hook", Destination.Type.WEBHOOK, "http://127.0.0.1:9/none",
                "a-signing-secret-of-32-characters", Map.of(), now));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("alert_key", ALERT_KEY);
        a.put("type", "success_rate_drop");
        a.put("group", Map.of("kind", "framework", "name", "direct-answer"));
        a.put("summary", "Success rate of framework direct-answer dropped from 70.0% to 42.0% (-28.0 points) since 2026-11-20");
        a.put("baseline", Map.of("from", "2026-09-25", "to", "2026-11-20", "votes", 8400, "success_rate", 0.7,
                "ci95", List.of(0.69, 0.71)));
        a.put("current", Map.of("from", "2026-11-20", "to", "2026-11-23", "votes", 450, "success_rate", 0.42,
                "ci95", List.of(0.375, 0.466)));
        a.put("difference_points", Map.of("estimate", -28.0, "ci95", List.of(-32.6, -23.4)));
        a.put("since", "2026-11-20");
        a.put("detected_on", "2026-11-22");
        a.put("evidence", Map.of("e_value", 1234.5, "threshold", 140.0, "tested_against_rate", 0.62,
                "statement", "alarms only when the evidence passes 140: over 30 daily looks at 7 groups the chance"
                        + " of any false alarm is at most 5%", "method", "docs/alerts.md"));
        a.put("findings", List.of(Map.of("text", "model claude-sonnet: 70.0% -> 40.1% on 300 votes")));
        a.put("examples", List.of(Map.of("entry_id", EXAMPLE_ID, "rating", 1, "thumbs_up", false,
                "prompt", "Task 9 of type <i>writing</i>", "notes", "missed <b>the point</b>",
                "dashboard", "/?entry=" + EXAMPLE_ID)));
        a.put("dashboard", "/?period=7d&framework=direct-answer");
        a.put("raised_at", now.toString());
        String json = FeedbackJson.write(a);
        try (FeedbackStore store = StoreLocations.open(dir.resolve("feedback.db").toString())) {
            AlertStore alerts = store.alertStore();
            assertThat(alerts.saveAlert(ALERT_KEY, now, json)).isTrue();
            Delivery dead = Delivery.queued(ALERT_KEY, "hook", "alert", json, now);
            Delivery fine = Delivery.queued(ALERT_KEY, "team", "alert", json, now);
            assertThat(alerts.enqueue(List.of(dead, fine))).isEqualTo(2);
            alerts.settle(dead.key(), Delivery.State.DEAD, now, "500", "HTTP 500 from the receiver", now);
            alerts.settle(fine.key(), Delivery.State.DELIVERED, now, "200", null, now);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void overviewShowsTheAdjustedFindingTheRawOneAndTheNote() throws Exception {
        seedConfounded();
        Map<String, Object> api = ServerFixture.json(s.get("/api/v1/overview?period=30d", s.readKey));
        Map<String, Object> fewShot = ((List<Map<String, Object>>) api.get("findings")).stream()
                .filter(f -> "few-shot".equals(f.get("name")) && f.get("task_type") == null).findFirst().orElseThrow();
        assertThat(fewShot.get("significant")).as("no difference within task types").isEqualTo(false);
        assertThat((Map<String, Object>) fewShot.get("raw")).containsEntry("significant", true);
        assertThat((String) fewShot.get("note")).startsWith("looks better only because it is used for easier tasks");
        assertThat((Map<String, Object>) api.get("task_types")).containsOnlyKeys("code", "writing");

        signIn("/?period=30d");
        browser.until(d -> text("c-count").equals("400"));
        browser.until(d -> text("findings").contains("framework few-shot"));
        WebElement row = browser.driver.findElements(By.cssSelector("#findings tbody tr")).stream()
                .filter(r -> r.getText().startsWith("framework few-shot")).findFirst().orElseThrow();
        assertThat(row.getText()).contains("looks better only because it is used for easier tasks")
                .contains("+0.0 [").contains("+36.0 [");
        assertThat(row.findElement(By.cssSelector("strong")).getText()).as("the adjusted figure is the headline")
                .startsWith("+0.0 [");
        assertThat(text("task-types")).contains("Compared within task types", "code 200", "writing 200");
        browser.driver.executeScript("arguments[0].scrollIntoView()", browser.driver.findElement(By.id("findings")));
        browser.screenshot("overview-adjusted-findings");
        assertThat(browser.axe()).as("axe on the overview with adjusted findings").isEmpty();
    }

    @Test
    void alertsViewShowsTheAlertItsExamplesAndTheDeadLetter() {
        seedConfounded();
        signIn("/?view=alerts");
        browser.until(d -> text("status").contains("0 alerts"));
        assertThat(text("alerts")).contains("No alerts yet", "feedback alerts add");
        assertThat(browser.driver.findElement(By.cssSelector("nav a[aria-current='page']")).getText()).isEqualTo("Alerts");
        browser.screenshot("alerts-empty");
        assertThat(browser.axe()).as("axe on the empty alerts view").isEmpty();

        seedAlert();
        browser.driver.navigate().refresh();
        browser.until(d -> text("status").contains("1 alerts"));
        WebElement alert = browser.driver.findElement(By.cssSelector("#alerts article.alert"));
        assertThat(alert.getText()).contains("dropped from 70.0% to 42.0%", "From 70.0% [69.0%, 71.0%]",
                "to 42.0% [37.5%, 46.6%] since 2026-11-20", "-28.0 points, 95% interval [-32.6, -23.4]",
                "at most 5%", "evidence 1.23e+3", "model claude-sonnet: 70.0% -> 40.1% on 300 votes",
                "Task 9 of type <i>writing</i>", "missed <b>the point</b>");
        assertThat(alert.findElements(By.cssSelector("i, b"))).as("what users typed stays text").isEmpty();
        assertThat(alert.findElement(By.linkText("Open the overview of this period and group")).getAttribute("href"))
                .isEqualTo(base() + "/?period=7d&framework=direct-answer");
        WebElement dead = browser.driver.findElement(By.cssSelector("#dead-letters .message"));
        assertThat(dead.getText()).contains("1 delivery gave up (dead letter)", "alert to hook", "HTTP 500 from the receiver");
        WebElement deadRow = browser.driver.findElements(By.cssSelector("#deliveries tbody tr")).stream()
                .filter(r -> r.getText().contains("hook")).findFirst().orElseThrow();
        assertThat(deadRow.findElement(By.cssSelector(".dead")).getText()).isEqualTo("dead letter");
        assertThat(text("deliveries")).contains("delivered");
        assertThat(text("destinations")).contains("hook", "webhook").doesNotContain("a-signing-secret");
        browser.screenshot("alerts");
        assertThat(browser.axe()).as("axe on the alerts view").isEmpty();
        assertThat(browser.cspViolations()).as("the pages keep their own Content-Security-Policy").isEmpty();

        alert.findElement(By.partialLinkText("rating 1:")).click();
        browser.until(ExpectedConditions.urlContains("entry=" + EXAMPLE_ID));
        browser.until(d -> text("entry").contains("missed <b>the point</b>"));
    }
}
