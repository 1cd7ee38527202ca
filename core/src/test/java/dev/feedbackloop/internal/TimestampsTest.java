package dev.feedbackloop.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.InvalidInputException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void fastFormatAgreesWithTheFormatter() {
        Random r = new Random(3);
        List<Instant> samples = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("2026-03-29T01:00:00.000001Z")));
        for (int i = 0; i < 100_000; i++) {
            samples.add(Instant.ofEpochSecond(r.nextLong() % 300_000_000_000L, r.nextInt(1_000_000_000)));
        }
        for (Instant t : samples) {
            assertThat(Timestamps.format(t)).isEqualTo(Timestamps.formatSlowly(t));
        }
    }

    @Test
    void fastParseAgreesWithTheFormatterIncludingItsErrors() {
        List<String> dates = List.of("2026-11-27", "2024-02-29", "2023-02-29", "2026-13-01", "0999-01-01", "2026-1-01");
        List<String> times = List.of("T14:37:25", " 14:37:25", "T24:00:00", "T14:37", "T14:37:60", "t14:37:25", "T1:37:25");
        List<String> fractions = List.of("", ".5", ".123456", ".123456789", ".1234567891", ".", ".12a");
        List<String> offsets = List.of("", "Z", "z", "+01:00", "-05:30", "+18:00", "+19:00", "+0100", "+01", "+01:00:30",
                " ", "x");
        for (String d : dates) {
            for (String t : times) {
                for (String f : fractions) {
                    for (String o : offsets) {
                        String s = d + t + f + o;
                        assertThat(outcome(() -> Timestamps.parse(s, BERLIN)))
                                .as(s).isEqualTo(outcome(() -> Timestamps.parseSlowly(s, BERLIN)));
                    }
                }
            }
        }
    }

    @Test
    void naiveTimesAreLocalAndOffsetsAreKept() {
        assertThat(Timestamps.parse("2026-07-01T12:00:00", BERLIN)).isEqualTo(Instant.parse("2026-07-01T10:00:00Z"));
        assertThat(Timestamps.parse(" 2026-07-01 12:00:00.25-02:00 ", BERLIN)).isEqualTo(Instant.parse("2026-07-01T14:00:00.25Z"));
        assertThat(Timestamps.format(Instant.parse("2026-07-01T14:00:00.25Z"))).isEqualTo("2026-07-01T14:00:00.250000+00:00");
        assertThatThrownBy(() -> Timestamps.parse("2026-02-30T00:00:00Z", BERLIN)).isInstanceOf(InvalidInputException.class);
    }

    private static String outcome(java.util.function.Supplier<Instant> parse) {
        try {
            return parse.get().toString();
        } catch (InvalidInputException e) {
            return "error: " + e.getMessage();
        }
    }
}
