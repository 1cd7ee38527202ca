package dev.feedbackloop.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RatedOutputTest {
    @Test
    void aContextWithJsonNullsIsKept() {
        Map<String, Object> context = new HashMap<>();
        context.put("framework", "few-shot");
        context.put("nothing", null);
        RatedOutput o = new RatedOutput("o1", "p", "out", context, Instant.EPOCH);
        assertThat(o.context()).containsEntry("nothing", null);
        assertThat(o.sameContentAs(new RatedOutput("o1", "p", "out", context, Instant.now()))).isTrue();
    }
}
