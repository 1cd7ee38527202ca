package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.storage.FeedbackQuery;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Votes from browsers with feedback tokens, one vote per rater and output, and deletion by admins. */
class VotesIT {
    @TempDir
    Path dir;
    ServerFixture s;

    @BeforeEach
    void start() {
        s = new ServerFixture(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private Map<String, Object> token(Map<String, Object> request) throws Exception {
        HttpResponse<String> r = s.post("/api/v1/feedback-tokens", s.captureKey, Json.write(request));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ServerFixture.json(r);
    }

    private HttpResponse<String> vote(String token, String origin, Map<String, Object> body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(s.uri("/api/v1/votes")).header("Content-Type", "application/json")
                .header("Authorization", "Token " + token).POST(HttpRequest.BodyPublishers.ofString(Json.write(body)));
        if (origin != null) {
            b.header("Origin", origin);
        }
        return s.send(b);
    }

    @Test
    void aBrowserVotesWithATokenAndCanChangeItsVoteButNotWhatItRates() throws Exception {
        Map<String, Object> t = token(Map.of("prompt", "Explain recursion", "output", "It calls itself",
                "context", Map.of("framework", "chain-of-thought"), "output_id", "answer-1", "rater_id", "user-7"));
        String token = (String) t.get("token");
        assertThat(t).containsEntry("output_id", "answer-1").containsEntry("rater_id", "user-7").containsKey("expires_at");

        HttpResponse<String> first = vote(token, "https://app.example", Map.of("rating", 2, "notes", "meh"));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        assertThat(ServerFixture.json(first)).containsEntry("prompt", "Explain recursion").containsEntry("rating", 2);
        HttpResponse<String> second = vote(token, null, Map.of("rating", 5, "thumbs_up", true));
        assertThat(second.statusCode()).isEqualTo(201);

        List<FeedbackEntry> stored = s.loop.database().find(FeedbackQuery.ALL);
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).rating()).isEqualTo(5);
        assertThat(stored.get(0).framework()).isEqualTo("chain-of-thought");
        assertThat(s.loop.database().replacedVotes("answer-1", "user-7")).extracting(FeedbackEntry::rating)
                .containsExactly(2);
        assertThat(s.loop.database().statistics(null, null).total()).isEqualTo(1);

        HttpResponse<String> forged = vote(token, null, Map.of("rating", 5, "prompt", "something else"));
        assertThat(forged.statusCode()).isEqualTo(400);
        assertThat(ServerFixture.json(forged)).containsEntry("field", "prompt");
        HttpResponse<String> otherSite = vote(token, "https://evil.example", Map.of("rating", 1));
        assertThat(otherSite.statusCode()).isEqualTo(403);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(vote(tampered, null, Map.of("rating", 1)).statusCode()).isEqualTo(403);
        assertThat(vote("v1.nonsense", null, Map.of("rating", 1)).statusCode()).isEqualTo(403);
        HttpResponse<String> noToken = s.send(HttpRequest.newBuilder(s.uri("/api/v1/votes"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"rating\":3}")));
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(s.loop.database().find(FeedbackQuery.ALL)).hasSize(1);
    }

    @Test
    void anonymousRatersGetTheirOwnIdsAndOneOutputGetsOneVoteEach() throws Exception {
        Map<String, Object> output = Map.of("prompt", "Write a haiku", "output", "Leaves fall", "output_id", "haiku-1");
        String a = (String) token(output).get("token");
        Map<String, Object> bToken = token(output);
        assertThat((String) bToken.get("rater_id")).startsWith("anon-");
        assertThat(vote(a, null, Map.of("rating", 4)).statusCode()).isEqualTo(201);
        assertThat(vote((String) bToken.get("token"), null, Map.of("rating", 1)).statusCode()).isEqualTo(201);
        assertThat(vote(a, null, Map.of("rating", 5)).statusCode()).isEqualTo(201);
        assertThat(s.loop.database().find(FeedbackQuery.ALL)).extracting(FeedbackEntry::rating)
                .containsExactlyInAnyOrder(5, 1);

        HttpResponse<String> reused = s.post("/api/v1/feedback-tokens", s.captureKey,
                Json.write(Map.of("prompt", "Another prompt", "output", "Leaves fall", "output_id", "haiku-1")));
        assertThat(reused.statusCode()).isEqualTo(409);
        HttpResponse<String> noKey = s.post("/api/v1/feedback-tokens", s.readKey, Json.write(output));
        assertThat(noKey.statusCode()).isEqualTo(403);
    }

    @Test
    void capturedVotesReplaceEarlierOnesAndAdminsDelete() throws Exception {
        for (int rating : new int[] {1, 4}) {
            HttpResponse<String> r = s.post("/api/v1/feedback", s.captureKey, Json.write(Map.of("prompt", "p", "output", "o",
                    "rating", rating, "rater_id", "u1", "output_id", "o1")));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        }
        List<FeedbackEntry> stored = s.loop.database().find(FeedbackQuery.ALL);
        assertThat(stored).extracting(FeedbackEntry::rating).containsExactly(4);
        String id = stored.get(0).feedbackId();

        HttpResponse<String> notAdmin = s.send(HttpRequest.newBuilder(s.uri("/api/v1/feedback/" + id))
                .header("Authorization", "Bearer " + s.captureKey).DELETE());
        assertThat(notAdmin.statusCode()).isEqualTo(403);
        HttpResponse<String> deleted = s.send(HttpRequest.newBuilder(s.uri("/api/v1/feedback/" + id))
                .header("Authorization", "Bearer " + s.adminKey).DELETE());
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(ServerFixture.json(deleted)).containsEntry("deleted", id);
        assertThat(s.loop.database().count()).isZero();
        HttpResponse<String> again = s.send(HttpRequest.newBuilder(s.uri("/api/v1/feedback/" + id))
                .header("Authorization", "Bearer " + s.adminKey).DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
    }

    @Test
    void votesAreLimitedPerRaterAndEndWithTheKeyThatAskedForTheToken() throws Exception {
        String token = (String) token(Map.of("prompt", "p", "output", "o", "output_id", "limited", "rater_id", "u")).get("token");
        int limited = 0;
        for (int i = 0; i < Access.VOTES_PER_MINUTE + 5; i++) {
            HttpResponse<String> r = vote(token, null, Map.of("rating", 1 + i % 5));
            if (r.statusCode() == 429) {
                limited++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            } else {
                assertThat(r.statusCode()).isEqualTo(201);
            }
        }
        assertThat(limited).isEqualTo(5);
        assertThat(s.loop.database().find(FeedbackQuery.ALL)).hasSize(1);

        String other = (String) token(Map.of("prompt", "p", "output", "o", "output_id", "revoked", "rater_id", "u")).get("token");
        assertThat(s.loop.keys().revoke("app")).isTrue();
        Thread.sleep(1_100); // keys are reloaded at most once a second
        HttpResponse<String> afterRevoke = vote(other, null, Map.of("rating", 5));
        assertThat(afterRevoke.statusCode()).isEqualTo(403);
        assertThat(ServerFixture.json(afterRevoke).get("detail").toString()).contains("revoked");
    }
}
