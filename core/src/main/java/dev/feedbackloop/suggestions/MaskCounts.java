package dev.feedbackloop.suggestions;

/** How many e-mail addresses, phone numbers and secrets were masked before a request left. */
public record MaskCounts(int emails, int phones, int secrets) {
    public static final MaskCounts NONE = new MaskCounts(0, 0, 0);

    public MaskCounts {
        if (emails < 0 || phones < 0 || secrets < 0) {
            throw new IllegalArgumentException("negative count");
        }
    }

    public int total() {
        return emails + phones + secrets;
    }
}
