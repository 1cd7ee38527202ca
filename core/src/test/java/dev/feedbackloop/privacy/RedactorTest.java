package dev.feedbackloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactorTest {
    private final Redactor redactor = new Redactor();

    @Test
    void masksEmailAddresses() {
        Redactor.Redaction r = redactor.redact("Mail jane.doe+work@mail.example.co.uk or bob@example.com today.");

        assertThat(r.text()).isEqualTo("Mail [email] or [email] today.");
        assertThat(r.counts()).isEqualTo(MaskCounts.of(2, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1 415 555 0132", "(415) 555-2671", "415-555-2671", "+44 20 7946 0958", "+4915112345678",
        "030 1234567", "4155552671", "004915112345678"})
    void masksPhoneNumbers(String phone) {
        Redactor.Redaction r = redactor.redact("Call " + phone + " after 5.");

        assertThat(r.text()).isEqualTo("Call [phone] after 5.");
        assertThat(r.counts().phones()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rated 4/5 on 2026-11-27 at 14:37:25", "Version 3.14.0, 12345 rows, 0.75 ratio",
        "Between 1990 and 2020", "a 1234567 number", "order #12345 shipped", "prompt length Q4 (357-2000 chars)",
        "at 2026-11-20T16:20:07.553559970Z", "pi is 3.14159265358 or so", "extension 555-1234 only",
        "effect +12.3 points (95% CI +8.6 to +16.0), n=1037, q=0.0000", "days (2026-11-20 to 2026-11-27, UTC)",
        "on 11/27/2026 and (12/01/2026)"})
    void leavesDatesVersionsStatisticsAndPlainNumbersAlone(String text) {
        Redactor.Redaction r = redactor.redact(text);

        assertThat(r.text()).isEqualTo(text);
        assertThat(r.counts().total()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sk-ant-api03-AbCdEf0123456789_xyz", "sk-proj-abcdefghijklmnopqrstuvwx1234",
        "AKIAIOSFODNN7EXAMPLE", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "xoxb-1234567890-abcdefghij",
        "AIzaSyA1234567890abcdefghijklmnopqrstu", "4f9c2a7e1b3d5f60718293a4b5c6d7e8f9a0b1c2"})
    void masksApiKeyLikeStrings(String key) {
        Redactor.Redaction r = redactor.redact("use " + key + " here");

        assertThat(r.text()).isEqualTo("use [secret] here");
        assertThat(r.counts().secrets()).isEqualTo(1);
    }

    @Test
    void masksTheValueOfNamedSecretsAndKeepsTheName() {
        Redactor.Redaction r = redactor.redact("api_key=hunter2hunter, password: \"correct-horse\" and "
                + "Authorization: Bearer abc.def.ghi");

        assertThat(r.text()).isEqualTo("api_key=[secret], password: [secret] and Authorization: Bearer [secret]");
        assertThat(r.counts().secrets()).isEqualTo(3);
    }

    @Test
    void leavesOrdinaryProseAndHyphenatedWordsAlone() {
        String text = "Use chain-of-thought for step-by-step reasoning; the zero-shot framework-comparison is done.";

        assertThat(redactor.redact(text).text()).isEqualTo(text);
    }

    @Test
    void handlesEmptyAndNull() {
        assertThat(redactor.redact("").text()).isEmpty();
        assertThat(redactor.redact(null).text()).isNull();
    }
}
