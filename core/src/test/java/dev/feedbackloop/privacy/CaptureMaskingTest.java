package dev.feedbackloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.FeedbackLoop;
import dev.feedbackloop.InvalidInputException;
import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.storage.InsertResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureMaskingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static FeedbackEntry.Builder personal() {
        return FeedbackEntry.builder("Write to jane.doe@example.com or call +44 20 7946 0958",
                        "Charged 4111 1111 1111 1111 from 203.0.113.42", 2)
                .notes("my key sk-ant-api03-AbCdEf0123456789_xyz leaked")
                .context(Map.of("account", Map.of("iban", "DE89 3704 0044 0532 0130 00", "tags", List.of("x@y.org")),
                        "rater_id", "rater@example.com", "output_id", "out-1"));
    }

    @Test
    void maskReplacesTheSameWayEverywhereAndCountsBesideTheEntryLeavingIdentifiersAlone() {
        CaptureMasking masking = new CaptureMasking(Masking.MASK, new Masker());
        FeedbackEntry e = masking.apply(personal().build(CLOCK));

        assertThat(e.prompt()).isEqualTo("Write to [email] or call [phone]");
        assertThat(e.output()).isEqualTo("Charged [card] from [ip]");
        assertThat(e.notes()).isEqualTo("my key [secret] leaked");
        assertThat(e.context().get("account")).isEqualTo(Map.of("iban", "[iban]", "tags", List.of("[email]")));
        assertThat(e.raterId()).isEqualTo("rater@example.com");
        assertThat(e.outputId()).isEqualTo("out-1");
        assertThat(e.context().get(CaptureMasking.COUNTS_KEY)).isEqualTo(Map.of("secret", 1, "email", 2, "card", 1,
                "iban", 1, "ip", 1, "phone", 1));
    }

    @Test
    void rejectNamesTheFieldAndTheKindButNeverTheData() {
        CaptureMasking masking = new CaptureMasking(Masking.REJECT, new Masker());
        assertThatThrownBy(() -> masking.apply(personal().build(CLOCK))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("prompt holds email, phone").hasMessageNotContaining("jane")
                .satisfies(t -> assertThat(((InvalidInputException) t).field()).hasValue("prompt"));
        FeedbackEntry clean = FeedbackEntry.builder("Explain recursion", "A function that calls itself", 5).build(CLOCK);
        assertThat(masking.apply(clean)).isSameAs(clean);
    }

    @Test
    void contextKeysAreMaskedTooAndRejectNeverEchoesThem() {
        FeedbackEntry keyed = FeedbackEntry.builder("Explain recursion", "A function that calls itself", 5)
                .context(Map.of("jane.doe@example.com", "vip", "nested", Map.of("call +44 20 7946 0958", 1)))
                .build(CLOCK);
        FeedbackEntry masked = new CaptureMasking(Masking.MASK, new Masker()).apply(keyed);
        assertThat(masked.context().toString()).doesNotContain("jane.doe", "7946");
        assertThat(masked.context()).containsEntry("[email]", "vip").containsEntry("nested", Map.of("call [phone]", 1));
        assertThat(masked.context().get(CaptureMasking.COUNTS_KEY)).isEqualTo(Map.of("email", 1, "phone", 1));
        FeedbackEntry twoAddresses = FeedbackEntry.builder("Explain recursion", "A function that calls itself", 5)
                .context(Map.of("a@example.com", "first", "b@example.org", "second")).build(CLOCK);
        assertThat(new CaptureMasking(Masking.MASK, new Masker()).apply(twoAddresses).context())
                .containsKeys("[email]", "[email]#2").containsValues("first", "second");

        FeedbackEntry nested = FeedbackEntry.builder("Explain recursion", "A function that calls itself", 5)
                .context(Map.of("account", Map.of("jane.doe@example.com", List.of("call +44 20 7946 0958")))).build(CLOCK);
        assertThatThrownBy(() -> new CaptureMasking(Masking.REJECT, new Masker()).apply(nested))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a key in context.account holds email").hasMessageNotContaining("jane.doe")
                .satisfies(t -> assertThat(((InvalidInputException) t).field()).hasValue("context.account"));
        FeedbackEntry top = FeedbackEntry.builder("Explain recursion", "A function that calls itself", 5)
                .context(Map.of("jane.doe@example.com", "vip")).build(CLOCK);
        assertThatThrownBy(() -> new CaptureMasking(Masking.REJECT, new Masker()).apply(top))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a key in context holds email").hasMessageNotContaining("jane.doe")
                .hasMessageNotContaining("7946")
                .satisfies(t -> assertThat(((InvalidInputException) t).field()).hasValue("context"));
    }

    @Test
    void offChangesNothing() {
        FeedbackEntry e = personal().build(CLOCK);
        assertThat(new CaptureMasking(Masking.OFF, new Masker()).apply(e)).isSameAs(e);
    }

    @Test
    void theStoredSettingAppliesToLaterProcessesTheBuilderOverridesItAndARetryIsStillANoOp() {
        String db = dir.resolve("m.db").toString();
        try (FeedbackLoop loop = FeedbackLoop.builder(db).clock(CLOCK).open()) {
            assertThat(loop.masking()).isEqualTo(Masking.OFF);
            loop.setMasking(Masking.MASK, "test");
        }
        try (FeedbackLoop loop = FeedbackLoop.builder(db).clock(CLOCK).open()) {
            assertThat(loop.masking()).isEqualTo(Masking.MASK);
            FeedbackLoop.Capture first = loop.capture(personal().feedbackId("f1"));
            assertThat(first.entry().prompt()).doesNotContain("jane");
            assertThat(loop.database().findById("f1").orElseThrow().prompt()).isEqualTo("Write to [email] or call [phone]");
            assertThat(loop.capture(personal().feedbackId("f1")).result()).isEqualTo(InsertResult.UNCHANGED);
            assertThat(loop.audit(null, 5)).extracting(a -> a.action()).containsExactly("setting.masking");
        }
        try (FeedbackLoop loop = FeedbackLoop.builder(db).clock(CLOCK).masking(Masking.REJECT).open()) {
            assertThatThrownBy(() -> loop.capture(personal())).isInstanceOf(InvalidInputException.class);
            assertThat(loop.database().count()).isEqualTo(1);
        }
    }

    @Test
    void validatorsFollowTheirStandards() {
        assertThat(Masker.validCard("4111 1111 1111 1111")).isTrue();
        assertThat(Masker.validCard("4111 1111 1111 1112")).as("Luhn").isFalse();
        assertThat(Masker.validCard("1234567812345670")).as("no issuer starts with 1").isFalse();
        assertThat(Masker.validIban("GB82WEST12345698765432")).isTrue();
        assertThat(Masker.validIban("GB82WEST12345698765433")).as("mod 97").isFalse();
        assertThat(Masker.validIpv6("2001:db8::1")).isTrue();
        assertThat(Masker.validIpv6("::ffff:192.0.2.128")).isTrue();
        assertThat(Masker.validIpv6("14:37:25")).isFalse();
        assertThat(Masker.validIpv6("1::2::3")).isFalse();
        assertThat(Masker.validIpv6("00:1A:2B:3C:4D:5E")).as("a MAC address").isFalse();
    }
}
