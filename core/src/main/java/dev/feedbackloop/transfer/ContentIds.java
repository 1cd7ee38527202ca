package dev.feedbackloop.transfer;

import dev.feedbackloop.capture.FeedbackEntry;
import dev.feedbackloop.capture.FeedbackIds;
import dev.feedbackloop.storage.EntryRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Ids for imported records that carry none, derived from their content so that importing the same
 * file twice stays idempotent. Shaped like the ids captures get (UUID version 7, time-ordered by the
 * entry's timestamp); the 74 random bits come from a SHA-256 of the content. Thread-safe.
 */
final class ContentIds {
    private ContentIds() {
    }

    /** The id for the row's content; its entry's own {@code feedbackId()} is ignored. */
    static String of(EntryRow row) {
        FeedbackEntry e = row.entry();
        String content = String.join("\u0000", e.prompt(), e.output(), Integer.toString(e.rating()),
                Boolean.toString(e.thumbsUp()), row.tags(), row.context(), e.notes() == null ? "" : e.notes(),
                row.timestamp());
        ByteBuffer hash = ByteBuffer.wrap(sha256(content.getBytes(StandardCharsets.UTF_8)));
        return FeedbackIds.uuid7(e.timestamp().toEpochMilli(), hash.getShort(), hash.getLong());
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
