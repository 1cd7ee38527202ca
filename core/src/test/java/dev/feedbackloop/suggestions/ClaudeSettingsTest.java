package dev.feedbackloop.suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.models.messages.Model;
import dev.feedbackloop.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaudeSettingsTest {
    @Test
    void theDefaultModelIsOneOfTheSdksCurrentModelConstants() {
        assertThat(ClaudeSettings.DEFAULT_MODEL).isEqualTo(Model.CLAUDE_SONNET_5_5.asString());
    }

    @Test
    void readsKeyAndBaseUrlFromTheEnvironmentAndNeverShowsTheKey() {
        ClaudeSettings s = ClaudeSettings.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret-value",
                "ANTHROPIC_BASE_URL", "http://127.0.0.1:9"));

        assertThat(s.apiKey()).isEqualTo("sk-ant-secret-value");
        assertThat(s.baseUrl()).isEqualTo("http://127.0.0.1:9");
        assertThat(s.mask()).isTrue();
        assertThat(s.toString()).doesNotContain("sk-ant-secret-value").contains("apiKey=***");
        assertThat(ClaudeSettings.fromEnvironment(Map.of("ANTHROPIC_API_KEY", "  ")).apiKey()).isNull();
    }

    @Test
    void theAttemptLimitNeverExceedsTheOverallLimit() {
        ClaudeSettings s = ClaudeSettings.fromEnvironment(Map.of()).withTimeouts(Duration.ofSeconds(90), Duration.ofSeconds(5));

        assertThat(s.attemptTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsNonsense() {
        ClaudeSettings s = ClaudeSettings.fromEnvironment(Map.of());

        assertThatThrownBy(() -> s.withModel(" ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> s.withTimeouts(Duration.ofSeconds(1), Duration.ZERO))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> s.withMaxRetries(-1)).isInstanceOf(InvalidInputException.class);
    }
}
