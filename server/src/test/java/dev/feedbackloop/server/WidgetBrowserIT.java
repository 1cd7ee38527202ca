package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.access.KeyScope;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.FeedbackQuery;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/**
 * The rating widget on a page of another origin (http://localhost:P, the service on 127.0.0.1) in a
 * real Chromium: a vote reaches the API, a second one changes it, a vote made while the service is
 * down waits in localStorage and is stored once when it is back, and forged or expired tokens say so.
 */
class WidgetBrowserIT {
    @TempDir
    Path dir;
    FeedbackLoop loop;
    FeedbackServer server;
    HttpServer host;
    Chromium browser;
    int port;
    String key;
    String readKey;
    volatile String page = "";
    /** The host page's Content-Security-Policy header, when set. */
    volatile String policy;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        loop = FeedbackLoop.open(dir.resolve("feedback.db"));
        host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host.createContext("/", exchange -> {
            byte[] body = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            if (policy != null) {
                exchange.getResponseHeaders().set("Content-Security-Policy", policy);
            }
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        host.start();
        key = loop.keys().create("shop", KeyScope.CAPTURE, List.of(hostOrigin())).secret();
        readKey = loop.keys().create("reader", KeyScope.READ, List.of()).secret();
        server = FeedbackServer.start(loop, ServerSettings.defaults("127.0.0.1", 0), System.err::println);
        port = server.port();
        browser = new Chromium(dir.resolve("profile"));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.stop();
        }
        host.stop(0);
        loop.close();
    }

    private String hostOrigin() {
        return "http://localhost:" + host.getAddress().getPort();
    }

    private String token(String outputId, int ttlSeconds) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback-tokens"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("prompt", "Explain recursion", "output",
                        "It is a function calling itself", "output_id", outputId, "rater_id", "user-1", "ttl_seconds", ttlSeconds))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return (String) ServerFixture.json(r).get("token");
    }

    private SearchContext widget(String id) {
        return browser.driver.findElement(By.id(id)).getShadowRoot();
    }

    private String state(String id) {
        return browser.driver.findElement(By.id(id)).getDomAttribute("state");
    }

    private String status(String id) {
        return widget(id).findElement(By.cssSelector("[role=status]")).getText();
    }

    private List<FeedbackEntry> stored() {
        return loop.database().find(FeedbackQuery.ALL);
    }

    @Test
    void votesFromAnotherOriginReachTheApiChangeSurviveAnOutageAndBadTokensAreExplained() throws Exception {
        String good = token("answer-1", 3600);
        String expired = token("answer-2", 1);
        String forged = good.substring(0, good.length() - 3) + (good.endsWith("AAA") ? "BBB" : "AAA");
        // the host page's own CSS tries to restyle every button: the widget's shadow root keeps its own
        page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>An app</title>"
                + "<style>button { all: unset; color: red; font-size: 40px }</style>"
                + "<script src=\"http://127.0.0.1:" + port + "/widget.js\" defer></script></head><body><main>"
                + "<h1>An answer</h1><p>It is a function calling itself.</p>"
                + "<feedback-rating id=\"good\" token=\"" + good + "\" mode=\"both\" comment tags=\"wrong,too long\"></feedback-rating>"
                + "<feedback-rating id=\"forged\" token=\"" + forged + "\" mode=\"thumbs\"></feedback-rating>"
                + "<feedback-rating id=\"expired\" token=\"" + expired + "\" mode=\"stars\"></feedback-rating>"
                + "</main></body></html>";
        Thread.sleep(1_200); // the short token expires
        browser.driver.get(hostOrigin() + "/");

        WebElement up = widget("good").findElement(By.cssSelector("button[aria-label='Helpful']"));
        assertThat(up.getCssValue("font-size")).as("host CSS does not reach into the widget").isNotEqualTo("40px");
        up.click();
        browser.until(d -> "sent".equals(state("good")));
        assertThat(up.getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(stored()).singleElement().satisfies(e -> {
            assertThat(e.rating()).isEqualTo(5);
            assertThat(e.thumbsUp()).isTrue();
        });
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/feedback"))
                .header("Authorization", "Bearer " + readKey).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.body()).contains("\"output_id\":\"answer-1\"", "\"rating\":5");

        widget("good").findElement(By.cssSelector("button[aria-label='2 stars']")).click();
        browser.until(d -> stored().size() == 1 && stored().get(0).rating() == 2 && "sent".equals(state("good")));
        assertThat(widget("good").findElement(By.cssSelector("button[aria-label='2 stars']")).getDomAttribute("aria-checked"))
                .isEqualTo("true");

        // the service goes down: the vote waits in localStorage and is retried until it is back
        server.stop();
        server = null;
        WebElement four = widget("good").findElement(By.cssSelector("button[aria-label='4 stars']"));
        four.click();
        browser.until(d -> status("good").contains("Saved on this device"));
        browser.screenshot("widget-waiting");
        Thread.sleep(1_500);
        server = FeedbackServer.start(loop, ServerSettings.defaults("127.0.0.1", port), System.err::println);
        browser.until(d -> "sent".equals(state("good")));
        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.rating()).isEqualTo(4));
        assertThat(loop.database().replacedVotes("answer-1", "user-1")).extracting(FeedbackEntry::rating)
                .as("each vote stored once").containsExactly(5, 2);

        // keyboard: arrows move the star rating
        four.sendKeys(Keys.ARROW_RIGHT);
        browser.until(d -> stored().get(0).rating() == 5 && "sent".equals(state("good")));

        widget("forged").findElement(By.cssSelector("button[aria-label='Not helpful']")).click();
        browser.until(d -> "refused".equals(state("forged")));
        assertThat(status("forged")).contains("expired or is not valid");
        assertThat(widget("forged").findElement(By.cssSelector("button[aria-label='Not helpful']")).getDomAttribute("aria-pressed"))
                .as("a refused vote is not shown as given").isEqualTo("false");
        widget("expired").findElement(By.cssSelector("button[aria-label='3 stars']")).click();
        browser.until(d -> "refused".equals(state("expired")));
        assertThat(status("expired")).contains("expired or is not valid");
        assertThat(widget("expired").findElement(By.cssSelector("button[aria-label='3 stars']")).getDomAttribute("aria-checked"))
                .isEqualTo("false");
        assertThat(stored()).hasSize(1);
        browser.screenshot("widget");
        assertThat(browser.axe()).as("axe on a page with the widget").isEmpty();

        // the vote is shown as given after a reload (below)
        browser.driver.navigate().refresh();
        browser.until(d -> "true".equals(widget("good").findElement(By.cssSelector("button[aria-label='5 stars']"))
                .getDomAttribute("aria-checked")));
        assertThat(widget("expired").findElement(By.cssSelector("button[aria-label='3 stars']")).getDomAttribute("aria-checked"))
                .as("nor after a reload").isEqualTo("false");

        browser.driver.get("http://127.0.0.1:" + port + "/widget/demo");
        browser.until(d -> d.findElement(By.id("demo-status")).getText().startsWith("No token"));
        browser.screenshot("widget-demo");
        assertThat(browser.axe()).as("axe on the widget demo").isEmpty();
    }

    /** The check every page gets ({@link Chromium#cspViolations}) sees a planted inline script on the first page a browser loads. */
    @Test
    void theContentSecurityPolicyCheckSeesAPlantedInlineScript() throws Exception {
        policy = DashboardPages.CSP;
        page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>planted</title></head><body>"
                + "<main><h1>A page with a planted script</h1><script>document.title = 'ran';</script></main></body></html>";
        browser.driver.get(hostOrigin() + "/");
        assertThat(browser.driver.getTitle()).as("the policy blocked the script").isEqualTo("planted");
        List<String> violations = browser.cspViolations();
        List<String> console = browser.driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
        System.out.println("CSP violations recorded in the page: " + violations + "; console log: " + console);
        assertThat(violations).singleElement().asString().contains("script-src", "inline");
        assertThat(browser.axe()).anyMatch(v -> v.startsWith("content-security-policy"));
    }

    @Test
    void aSlowVoteIsNotOvertakenByTheNextAndARefusedVoteFallsBackToTheAcceptedOne() throws Exception {
        String good = token("answer-3", 3600);
        // another key keeps allowing this origin, so the browser may read the refusal once "shop" is revoked
        loop.keys().create("other-shop", KeyScope.CAPTURE, List.of(hostOrigin()));
        // the page's network is slow for the first vote only: it leaves 1.5 s late
        page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>An app</title>"
                + "<script>const send = window.fetch; let calls = 0; window.fetch = (...a) => ++calls === 1"
                + " ? new Promise(r => setTimeout(r, 1500)).then(() => send(...a)) : send(...a);</script>"
                + "<script src=\"http://127.0.0.1:" + port + "/widget.js\" defer></script></head><body><main>"
                + "<feedback-rating id=\"good\" token=\"" + good + "\" mode=\"stars\"></feedback-rating></main></body></html>";
        browser.driver.get(hostOrigin() + "/");
        widget("good").findElement(By.cssSelector("button[aria-label='2 stars']")).click();
        widget("good").findElement(By.cssSelector("button[aria-label='4 stars']")).click();
        browser.until(d -> loop.database().replacedVotes("answer-3", "user-1").size() == 1 && "sent".equals(state("good")));
        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.rating()).as("the later vote counts").isEqualTo(4));

        assertThat(loop.keys().revoke("shop")).isTrue();
        Thread.sleep(1_100); // keys are reloaded at most once a second
        widget("good").findElement(By.cssSelector("button[aria-label='1 star']")).click();
        browser.until(d -> "refused".equals(state("good")));
        assertThat(widget("good").findElement(By.cssSelector("button[aria-label='4 stars']")).getDomAttribute("aria-checked"))
                .as("the accepted vote is shown again").isEqualTo("true");
        assertThat(widget("good").findElement(By.cssSelector("button[aria-label='1 star']")).getDomAttribute("aria-checked"))
                .isEqualTo("false");
        assertThat(stored()).singleElement().satisfies(e -> assertThat(e.rating()).isEqualTo(4));
    }
}
