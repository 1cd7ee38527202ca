package dev.feedbackloop.privacy;

import dev.feedbackloop.capture.FeedbackEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What {@code export --redact} writes for an entry, for sharing a data set: the capture masking
 * ({@link Masking#MASK}) applied to prompt, output, notes and context values whatever the capture
 * setting was, and the rater id replaced by a pseudonym (16 hex digits of SHA-256 over a salt made
 * for this export and the id): the same rater keeps one pseudonym within the file, and two exports
 * cannot be joined on it. Thread-safe.
 */
public final class ExportRedaction implements UnaryOperator<FeedbackEntry> {
    private final CaptureMasking masking;
    private final byte[] salt = new byte[16];

    public ExportRedaction(Masker masker) {
        this.masking = new CaptureMasking(Masking.MASK, masker);
        new SecureRandom().nextBytes(salt);
    }

    @Override
    public FeedbackEntry apply(FeedbackEntry entry) {
        FeedbackEntry e = masking.apply(entry);
        if (e.raterId() == null) {
            return e;
        }
        Map<String, Object> context = new LinkedHashMap<>(e.context());
        context.put(FeedbackEntry.RATER_ID, "rater-" + pseudonym(e.raterId()));
        return new FeedbackEntry(e.prompt(), e.output(), e.rating(), e.thumbsUp(), e.tags(), e.timestamp(), context,
                e.feedbackId(), e.notes());
    }

    private String pseudonym(String raterId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            return HexFormat.of().formatHex(sha.digest(raterId.getBytes(StandardCharsets.UTF_8)), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
