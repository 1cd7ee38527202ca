package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.FeedbackQuery;
import java.net.URLEncoder;
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

/** The dashboard's sign-in, its pages' headers and the read routes it calls, over HTTP against a real server. */
class DashboardApiIT {
    @TempDir
    Path dir;
    ServerFixture s;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir);
        DashboardData.seed(s.loop);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private String origin() {
        return "http://127.0.0.1:" + s.server.port();
    }

    private HttpResponse<String> login(String key, String next, String origin) throws Exception {
        String form = "key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return s.send(b);
    }

    private static String cookieOf(HttpResponse<String> r) {
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private HttpResponse<String> withCookie(String path, String cookie) throws Exception {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Cookie", cookie).GET());
    }

    @Test
    void signingInGivesAStrictHttpOnlyCookieThatActsAsTheKeyUntilSignOut() throws Exception {
        HttpResponse<String> page = s.get("/?period=7d", null);
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2F%3Fperiod%3D7d");
        assertThat(s.get("/api/v1/overview", null).statusCode()).isEqualTo(401);

        assertThat(login(s.readKey, "/", null).statusCode()).as("no Origin: refused").isEqualTo(403);
        assertThat(login(s.readKey, "/", "https://evil.example").statusCode()).isEqualTo(403);
        HttpResponse<String> wrong = login("not-a-key", "/", origin());
        assertThat(wrong.headers().firstValue("Location").orElseThrow()).startsWith("/login?error=unknown");
        assertThat(wrong.headers().firstValue("Set-Cookie")).isEmpty();
        HttpResponse<String> capture = login(s.captureKey, "/", origin());
        assertThat(capture.headers().firstValue("Location").orElseThrow()).startsWith("/login?error=scope");

        HttpResponse<String> in = login(s.readKey, "/?period=7d", origin());
        assertThat(in.statusCode()).isEqualTo(303);
        assertThat(in.headers().firstValue("Location")).hasValue("/?period=7d");
        String set = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(set).startsWith(Sessions.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure"); // plain http on loopback
        assertThat(set).doesNotContain(s.readKey);
        String cookie = cookieOf(in);

        HttpResponse<String> dashboard = withCookie("/?period=7d", cookie);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(ServerFixture.json(withCookie("/api/v1/session", cookie)))
                .containsEntry("key", "dashboard").containsEntry("scope", "read").containsEntry("session", true);
        assertThat(withCookie("/api/v1/stats", cookie).statusCode()).isEqualTo(200);

        // a state-changing call with the cookie needs the server's own Origin
        HttpRequest.Builder post = HttpRequest.newBuilder(s.uri("/api/v1/route")).header("Cookie", cookie)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"Explain x\"}"));
        assertThat(s.send(post).statusCode()).isEqualTo(403);
        assertThat(s.send(post.header("Origin", origin())).statusCode()).isEqualTo(200);

        HttpResponse<String> out = s.send(HttpRequest.newBuilder(s.uri("/logout")).header("Cookie", cookie)
                .header("Origin", origin()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(withCookie("/api/v1/session", cookie).statusCode()).isEqualTo(401);
        assertThat(withCookie("/", cookie).statusCode()).isEqualTo(303);
    }

    @Test
    void failedSignInsAreRateLimitedPerAddressAndThenEvenTheRightKeyWaits() throws Exception {
        for (int i = 0; i < LoginAttempts.FAILURES; i++) {
            assertThat(login("guess-" + i, "/", origin()).headers().firstValue("Location").orElseThrow())
                    .startsWith("/login?error=unknown");
        }
        HttpResponse<String> limited = login(s.readKey, "/", origin());
        assertThat(limited.headers().firstValue("Location").orElseThrow()).startsWith("/login?error=too-many");
        assertThat(limited.headers().firstValue("Set-Cookie")).as("no session while over the limit").isEmpty();
    }

    @Test
    void signingInAgainEndsTheEarlierSession() throws Exception {
        String first = cookieOf(login(s.readKey, "/", origin()));
        HttpResponse<String> again = s.send(HttpRequest.newBuilder(s.uri("/login")).header("Cookie", first)
                .header("Origin", origin()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(s.adminKey, StandardCharsets.UTF_8))));
        String second = cookieOf(again);
        assertThat(second).isNotEqualTo(first);
        assertThat(withCookie("/api/v1/session", first).statusCode()).isEqualTo(401);
        assertThat(ServerFixture.json(withCookie("/api/v1/session", second))).containsEntry("key", "ops");
    }

    @Test
    void answersWithDataAreNeverCached() throws Exception {
        String cookie = cookieOf(login(s.readKey, "/", origin()));
        for (String path : new String[] {"/api/v1/overview?period=7d", "/api/v1/feedback?limit=1", "/api/v1/session"}) {
            assertThat(withCookie(path, cookie).headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
            assertThat(s.get(path, s.readKey).headers().firstValue("Cache-Control")).as(path).hasValue("no-store");
        }
        assertThat(withCookie("/", cookie).headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void aSessionEndsWhenItsKeyIsRevoked() throws Exception {
        String cookie = cookieOf(login(s.adminKey, "/", origin()));
        assertThat(withCookie("/api/v1/session", cookie).statusCode()).isEqualTo(200);
        assertThat(s.loop.keys().revoke("ops")).isTrue();
        Thread.sleep(1_100); // keys are reloaded at most once a second
        assertThat(withCookie("/api/v1/session", cookie).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyPathsOfThisServerAreFollowedAfterSignIn() {
        assertThat(DashboardPages.safeNext("/?entry=1")).isEqualTo("/?entry=1");
        for (String bad : new String[] {"//evil.example/", "https://evil.example/", "/\\evil.example", null, "javascript:x"}) {
            assertThat(DashboardPages.safeNext(bad)).as(bad).isEqualTo("/");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void overviewAgreesWithStatisticsAndFiltersNarrowIt() throws Exception {
        Map<String, Object> o = ServerFixture.json(s.get("/api/v1/overview?period=30d", s.readKey));
        Map<String, Object> current = (Map<String, Object>) o.get("current");
        Map<String, Object> stats = ServerFixture.json(s.get("/api/v1/stats?since="
                + URLEncoder.encode((String) current.get("start"), StandardCharsets.UTF_8), s.readKey));
        assertThat(((Number) current.get("count")).longValue()).isEqualTo(DashboardData.COUNT)
                .isEqualTo(((Number) stats.get("total_feedback")).longValue());
        assertThat(((Number) current.get("positive")).longValue()).isEqualTo(((Number) stats.get("positive_count")).longValue());
        List<Map<String, Object>> points = (List<Map<String, Object>>) o.get("points");
        assertThat(points.stream().mapToLong(p -> ((Number) p.get("count")).longValue()).sum()).isEqualTo(DashboardData.COUNT);
        assertThat(((Map<String, Object>) o.get("frameworks")).keySet()).containsExactly("chain-of-thought", "direct-answer");
        List<Map<String, Object>> findings = (List<Map<String, Object>>) o.get("findings");
        assertThat(findings.get(0)).containsEntry("significant", true).containsEntry("kind", "framework");

        Map<String, Object> filtered = ServerFixture.json(s.get("/api/v1/overview?period=30d&framework=direct-answer&bucket=week",
                s.readKey));
        Map<String, Object> fc = (Map<String, Object>) filtered.get("current");
        assertThat(((Number) fc.get("count")).longValue()).isEqualTo(DashboardData.COUNT / 2);
        assertThat((Double) fc.get("success_rate")).isLessThan((Double) current.get("success_rate"));
        assertThat(filtered.get("filters")).isEqualTo(Map.of("framework", "direct-answer"));
        assertThat((List<?>) filtered.get("points")).hasSizeLessThanOrEqualTo(5);

        HttpResponse<String> bad = s.get("/api/v1/overview?period=31d", s.readKey);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(bad)).containsEntry("field", "period");
    }

    @Test
    @SuppressWarnings("unchecked")
    void explorerFindsAWordInNotesPagesThroughFiltersAndExportsTheSelection() throws Exception {
        Map<String, Object> found = ServerFixture.json(s.get("/api/v1/feedback?q=ZANZIBAR", s.readKey));
        assertThat((List<Map<String, Object>>) found.get("entries")).extracting(e -> e.get("feedback_id"))
                .containsExactly(DashboardData.NEEDLE_ID);
        assertThat(found.get("next_cursor")).isNull();
        assertThat(((Number) found.get("examined")).longValue()).isEqualTo(DashboardData.COUNT);

        // cursor paging through a filter gives every matching entry once, newest first
        String cursor = null;
        int seen = 0;
        java.util.Set<Object> ids = new java.util.HashSet<>();
        String last = null;
        do {
            Map<String, Object> page = ServerFixture.json(s.get("/api/v1/feedback?framework=direct-answer&model=claude-haiku&limit=7"
                    + (cursor == null ? "" : "&cursor=" + cursor), s.readKey));
            for (Map<String, Object> e : (List<Map<String, Object>>) page.get("entries")) {
                assertThat(((Map<String, Object>) e.get("context"))).containsEntry("framework", "direct-answer")
                        .containsEntry("model", "claude-haiku");
                assertThat(ids.add(e.get("feedback_id"))).isTrue();
                if (last != null) {
                    assertThat((String) e.get("timestamp")).isLessThanOrEqualTo(last);
                }
                last = (String) e.get("timestamp");
                seen++;
            }
            cursor = (String) page.get("next_cursor");
        } while (cursor != null);
        assertThat(seen).isEqualTo(60); // odd i (direct-answer) that are multiples of 5 (haiku): 60 of 600

        HttpResponse<String> csv = s.post("/api/v1/feedback/export", s.readKey,
                Json.write(Map.of("ids", List.of(DashboardData.NEEDLE_ID, "no-such-id"), "format", "csv")));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
        assertThat(csv.body().lines().toList()).hasSize(2);
        assertThat(csv.body()).startsWith("feedback_id,").contains(DashboardData.NEEDLE);
        HttpResponse<String> jsonl = s.post("/api/v1/feedback/export", s.readKey,
                Json.write(Map.of("ids", List.of(DashboardData.NEEDLE_ID), "format", "jsonl")));
        assertThat(((Map<String, Object>) Json.parse(jsonl.body().strip()))).containsEntry("feedback_id", DashboardData.NEEDLE_ID);
        assertThat(s.post("/api/v1/feedback/export", s.readKey, "{\"ids\": [], \"format\": \"csv\"}").statusCode()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void savedReportsAreListedAndRenderedAsSandboxedHtml() throws Exception {
        Map<String, Object> weekly = ServerFixture.json(s.get("/api/v1/reports/weekly", s.readKey));
        Map<String, Object> list = ServerFixture.json(s.get("/api/v1/reports", s.readKey));
        assertThat((List<Map<String, Object>>) list.get("reports")).extracting(r -> r.get("label")).contains(weekly.get("period"));
        HttpResponse<String> html = s.get("/api/v1/reports/weekly/" + weekly.get("period") + "?format=html&download=true", s.readKey);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.body()).contains("<svg");
        assertThat(html.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("sandbox");
        assertThat(html.headers().firstValue("Content-Disposition").orElseThrow()).contains(".html");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVoteRetriedWithItsIdempotencyKeyIsStoredOnceAndItsHistoryIsReadable() throws Exception {
        HttpResponse<String> t = s.post("/api/v1/feedback-tokens", s.captureKey,
                Json.write(Map.of("prompt", "p", "output", "o", "output_id", "retried", "rater_id", "u")));
        String token = (String) ServerFixture.json(t).get("token");
        long before = s.loop.database().count();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> r = s.send(HttpRequest.newBuilder(s.uri("/api/v1/votes")).header("Content-Type", "application/json")
                    .header("Authorization", "Token " + token).header("Idempotency-Key", "vote-1")
                    .header("Origin", "https://app.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"rating\": 4, \"thumbs_up\": true}")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
            assertThat(ServerFixture.json(r)).containsEntry("feedback_id", "vote-1");
        }
        assertThat(s.loop.database().count()).isEqualTo(before + 1);
        assertThat(s.loop.database().replacedVotes("retried", "u")).isEmpty();
        s.send(HttpRequest.newBuilder(s.uri("/api/v1/votes")).header("Content-Type", "application/json")
                .header("Authorization", "Token " + token).POST(HttpRequest.BodyPublishers.ofString("{\"rating\": 1}")));
        String latest = s.loop.database().find(FeedbackQuery.ALL.withLimit(1)).get(0).feedbackId();
        Map<String, Object> votes = ServerFixture.json(s.get("/api/v1/feedback/" + latest + "/votes", s.readKey));
        assertThat(votes).containsEntry("output_id", "retried").containsEntry("rater_id", "u");
        assertThat((List<Map<String, Object>>) votes.get("replaced")).extracting(v -> v.get("feedback_id")).containsExactly("vote-1");
        assertThat(s.get("/api/v1/feedback/nope/votes", s.readKey).statusCode()).isEqualTo(404);
        HttpResponse<String> refused = s.send(HttpRequest.newBuilder(s.uri("/api/v1/votes")).header("Content-Type", "application/json")
                .header("Authorization", "Token forged").header("Origin", "https://app.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"rating\": 4}")));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).as("a browser may read why")
                .hasValue("https://app.example");
    }

    @Test
    void widgetScriptIsSmallAndPublic() throws Exception {
        HttpResponse<byte[]> js = s.http.send(HttpRequest.newBuilder(s.uri("/widget.js")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(gz)) {
            out.write(js.body());
        }
        System.out.println("widget.js: " + js.body().length + " bytes, " + gz.size() + " gzipped");
        assertThat(gz.size()).as("widget.js gzipped").isLessThanOrEqualTo(8 * 1024);
        assertThat(s.get("/widget/demo", null).statusCode()).isEqualTo(200);
        assertThat(s.get("/assets/uPlot.min.js", null).body()).contains("uPlot");
        assertThat(s.get("/assets/nothing.js", null).statusCode()).isEqualTo(404);
    }
}
