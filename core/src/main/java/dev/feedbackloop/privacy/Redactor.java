package dev.feedbackloop.privacy;

/**
 * Masks personal data and secrets in text that is about to leave the machine (what the suggestion
 * path sends to Claude), with the product's one masking code ({@link Masker}). Errs on the side of
 * masking (a long random-looking token is masked as a secret). Thread-safe; stateless.
 */
public final class Redactor {
    private final Masker masker;

    public Redactor() {
        this(new Masker());
    }

    public Redactor(Masker masker) {
        this.masker = masker;
    }

    /** Returns the text with every finding masked, and how many of each kind were masked. */
    public Redaction redact(String text) {
        Masker.Masked m = masker.mask(text);
        return new Redaction(m.text(), m.counts());
    }

    /** Masked text (null only when the input was null) and what was masked. */
    public record Redaction(String text, MaskCounts counts) {
    }
}
