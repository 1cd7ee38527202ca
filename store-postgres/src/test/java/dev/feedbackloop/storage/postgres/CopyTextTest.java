package dev.feedbackloop.storage.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** COPY's text format as PostgreSQL writes it: the fields come back exactly. */
class CopyTextTest {
    @Test
    void readsNullsEscapesAndEmptyFields() {
        assertThat(CopyText.fields("1\t\\N\t\t\\\\N\ta\\tb\\nc\\r\\\\d\n"))
                .isEqualTo(Arrays.asList("1", null, "", "\\N", "a\tb\nc\r\\d"));
        assertThat(CopyText.fields("\\b\\f\\v\tünï 😀")).isEqualTo(Arrays.asList("\b\f\u000B", "ünï 😀"));
        assertThat(CopyText.fields("\\N")).isEqualTo(Arrays.asList((String) null));
    }
}
