package dev.feedbackloop.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.feedbackloop.ErrorKind;
import org.junit.jupiter.api.Test;

class ProblemsTest {
    /** The server's half of the one taxonomy covers every kind, with client errors for the caller's mistakes. */
    @Test
    void everyKindHasAStatus() {
        for (ErrorKind kind : ErrorKind.values()) {
            assertThat(Problems.status(kind)).as(kind.name()).isBetween(400, 599);
        }
        assertThat(Problems.status(ErrorKind.FORBIDDEN)).isEqualTo(403);
        assertThat(Problems.status(ErrorKind.DISK_FULL)).isEqualTo(507);
    }
}
