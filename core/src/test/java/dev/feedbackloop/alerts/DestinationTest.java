package dev.feedbackloop.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DestinationTest {
    private static final String SECRET = "a-signing-secret-of-32-characters";

    private static Destination webhook(String url) {
        return new Destination("hook", Destination.Type.WEBHOOK, url, SECRET, Map.of(), Instant.EPOCH);
    }

    @Test
    void plainHttpOnlyToThisMachineNotToAHostNameThatLooksLikeIt() {
        assertThat(webhook("http://127.0.0.1:8080/hook").target()).startsWith("http://127.0.0.1");
        assertThat(webhook("http://localhost/hook").target()).startsWith("http://localhost");
        assertThat(webhook("http://[::1]:9/hook").target()).startsWith("http://[::1]");
        for (String remote : new String[] {"http://127.attacker.example/hook", "http://127.0.0.1.nip.io.example/hook",
                "http://localhost.attacker.example/hook", "http://10.0.0.1/hook"}) {
            assertThatThrownBy(() -> webhook(remote)).as(remote).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("https");
        }
    }
}
