package dev.feedbackloop.privacy;

import dev.feedbackloop.InvalidInputException;
import java.util.Locale;

/**
 * What capture does with personal data and secrets ({@link Masker}) in prompts, outputs, notes and
 * context values: keep them ({@link #OFF}, the default), replace them with placeholders and count
 * what was masked beside the entry ({@link #MASK}), or refuse the entry ({@link #REJECT}, 400 / exit 2,
 * naming the field and the kind, never the data).
 */
public enum Masking {
    OFF, MASK, REJECT;

    /** The stored setting's name. */
    public static final String SETTING = "masking";

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws InvalidInputException for anything but off, mask or reject */
    public static Masking parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("masking must be off, mask or reject, got '" + text + "'", "masking");
        }
    }
}
