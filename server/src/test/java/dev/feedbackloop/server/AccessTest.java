package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.KeyScope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessTest {
    @Test
    void voteLimitsOfPastVotersAreForgottenOnceTheirBudgetIsFullAgain() throws Exception {
        ApiKey shop = new ApiKey("shop", KeyScope.CAPTURE, "0".repeat(64), List.of(), Instant.EPOCH, null);
        Access access = new Access(() -> List.of(shop), 100, new Sessions(null));
        for (int i = 0; i < Access.MAX_VOTE_BUCKETS; i++) {
            access.admitVote("shop", null, "output-" + i, "rater");
        }
        assertThat(access.voteBuckets()).isEqualTo(Access.MAX_VOTE_BUCKETS);
        Thread.sleep(2_100); // one vote's token comes back within 2 s (30 a minute)
        access.admitVote("shop", null, "output-new", "rater");
        assertThat(access.voteBuckets()).as("the full buckets were dropped").isEqualTo(1);
    }
}
