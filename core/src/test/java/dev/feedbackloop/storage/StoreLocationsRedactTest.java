package dev.feedbackloop.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link StoreLocations#redact}: no part of a password survives, however it is written. */
class StoreLocationsRedactTest {
    @Test
    void plainPasswordAndQueryPassword() {
        assertThat(StoreLocations.redact("postgresql://ann:secret@h/fb")).isEqualTo("postgresql://ann@h/fb");
        assertThat(StoreLocations.redact("jdbc:postgresql://h/fb?user=ann&password=pw")).isEqualTo(
                "jdbc:postgresql://h/fb?user=ann&password=***");
        assertThat(StoreLocations.redact("postgresql://h/fb?sslmode=require&sslpassword=kp")).isEqualTo(
                "postgresql://h/fb?sslmode=require&sslpassword=***");
        assertThat(StoreLocations.redact("postgresql://ann@h:5432/fb")).isEqualTo("postgresql://ann@h:5432/fb");
        assertThat(StoreLocations.redact("postgresql://h:5432/fb")).isEqualTo("postgresql://h:5432/fb");
    }

    /** Unencoded '/' or '@' in a password: exactly the URLs that fail to parse and get echoed in the error. */
    @Test
    void passwordWithUnencodedSlashOrAt() {
        assertThat(StoreLocations.redact("postgresql://ann:pa/ss@h/fb")).doesNotContain("pa").doesNotContain("ss@")
                .isEqualTo("postgresql://ann@h/fb");
        assertThat(StoreLocations.redact("postgresql://ann:p@ss@h/fb")).doesNotContain("ss@")
                .isEqualTo("postgresql://ann@h/fb");
    }
}
