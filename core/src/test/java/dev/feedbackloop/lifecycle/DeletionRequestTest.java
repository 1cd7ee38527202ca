package dev.feedbackloop.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeletionRequestTest {
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void anAgeReachingBeforeTheEarliestInstantIsBadInputNamingTheField() {
        assertThatThrownBy(() -> DeletionRequest.of(Map.of("older_than", "P999999999999D"), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("P999999999999D")
                .satisfies(t -> assertThat(((InvalidInputException) t).field()).hasValue("older_than"));
        assertThatThrownBy(() -> Retention.cutoff(NOW, Retention.parseAge("P999999999999D")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aDryRunAloneOrAnEmptyTagListDeletesNothing() {
        assertThatThrownBy(() -> DeletionRequest.of(Map.of("dry_run", true), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("say what to delete");
        assertThatThrownBy(() -> DeletionRequest.of(Map.of("tags", ""), NOW))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("say what to delete");
        assertThat(DeletionRequest.of(Map.of("older_than", "180d"), NOW).filter().ageOnly()).isTrue();
    }
}
