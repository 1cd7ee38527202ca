package dev.feedbackloop.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FeedbackIdsTest {
    @Test
    void idsAreVersion7UuidsInTheOrderTheyWereMinted() {
        long before = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(FeedbackIds.next());
        }
        long after = System.currentTimeMillis();
        for (String id : ids) {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.variant()).isEqualTo(2);
            // more than 2048 ids in one millisecond borrow the next one (RFC 9562's counter overflow rule):
            // ids minted that fast may run ahead of the clock by one millisecond per 2048
            assertThat(u.getMostSignificantBits() >>> 16).isBetween(before, after + 1 + ids.size() / 2048);
        }
        // minted faster than one per millisecond: the sequence keeps them ordered, as text too
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void noCollisionsAcrossThreads() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 40_000).parallel().forEach(i -> ids.add(FeedbackIds.next()));
        assertThat(ids).hasSize(40_000);
    }

    @Test
    void layoutKeepsTheGivenFields() {
        UUID u = UUID.fromString(FeedbackIds.uuid7(0x0123_4567_89ABL, 0xFFF, -1L));
        assertThat(u.getMostSignificantBits() >>> 16).isEqualTo(0x0123_4567_89ABL);
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(u.getMostSignificantBits() & 0xFFF).isEqualTo(0xFFF);
        Set<String> distinct = new HashSet<>();
        for (long r = 0; r < 100; r++) {
            distinct.add(FeedbackIds.uuid7(1, 0, r));
        }
        assertThat(distinct).hasSize(100);
    }
}
