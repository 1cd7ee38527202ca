package dev.feedbackloop.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Look-alike characters (full-width forms, invisible format characters) do not hide what masking finds. */
class MaskerUnicodeTest {
    private final Masker masker = new Masker();

    @ParameterizedTest
    @ValueSource(strings = {
        "write to jane.doe\uFF20example.com please", // full-width commercial at
        "write to jane\u200B.doe@example.com please", // zero-width space inside the local part
        "card \uFF14\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 \uFF11\uFF11\uFF11\uFF11 ok",
        "card 4111\u200D1111\u200D1111\u200D1111 ok"})
    void lookAlikesAreFoldedBeforeSearching(String text) {
        Masker.Masked m = masker.mask(text);
        assertThat(m.changed()).as(text).isTrue();
        assertThat(m.text()).doesNotContain("jane", "doe", "\uFF14\uFF11", "1111");
    }

    @Test
    void textWithoutHiddenFindingsKeepsItsCharacters() {
        String text = "caf\u00E9 \uFF21\uFF22\uFF23 \uFF08note\uFF09 and \uFB01le";
        assertThat(masker.mask(text).text()).isEqualTo(text);
        assertThat(masker.mask("mail jane@example.com \uFF08\u00E9\uFF09").text()).isEqualTo("mail [email] \uFF08\u00E9\uFF09");
    }
}
