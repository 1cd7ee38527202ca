package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rollups written by the object mapper (earlier versions, without task types) read the same, and
 * written text, task types included, reads back.
 */
class DayCountsJsonTest {
    static DayCounts sample() {
        Map<String, long[]> frameworks = new LinkedHashMap<>();
        frameworks.put("few-shot", new long[] {10, 6, 2, 38});
        frameworks.put("näive \"quoted\"", new long[] {3, 1, 1, 9});
        DayCounts code = new DayCounts(4711, new long[] {13, 7, 3, 47}, frameworks, Map.of("m", new long[] {13, 7, 3, 47}),
                Map.of(), new long[][] {{1, 1, 0, 5}, {0, 0, 0, 0}}, new long[] {4, 2, 1, 14}, Map.of());
        return new DayCounts(4711, new long[] {13, 7, 3, 47}, frameworks, Map.of("m", new long[] {13, 7, 3, 47}),
                Map.of(), new long[][] {{1, 1, 0, 5}, {0, 0, 0, 0}}, null, Map.of("code", code));
    }

    /** What the object mapper wrote for a day before task types were kept. */
    static final String EARLIER = "{\"max_id\":4711,\"overall\":[13,7,3,47],\"frameworks\":{\"few-shot\":[10,6,2,38],"
            + "\"näive \\\"quoted\\\"\":[3,1,1,9]},\"models\":{\"m\":[13,7,3,47]},\"tags\":{},"
            + "\"features\":[[1,1,0,5],[0,0,0,0]]}";

    @Test
    void readsWhatTheObjectMapperWroteAndWhatItWritesItself() {
        assertThat(DayCountsJson.read(EARLIER).strata()).isEmpty();
        DayCounts back = DayCountsJson.read(DayCountsJson.write(sample()));
        assertThat(back.strata()).containsOnlyKeys("code");
        assertThat(back.strata().get("code").classified()).containsExactly(4, 2, 1, 14);
        assertThat(back.strata().get("code").frameworks()).containsOnlyKeys("few-shot", "näive \"quoted\"");
        assertThat(back.classified()).isNull();
        for (String json : new String[] {EARLIER, DayCountsJson.write(sample())}) {
            DayCounts c = DayCountsJson.read(json);
            assertThat(c.maxId()).isEqualTo(4711);
            assertThat(c.overall()).containsExactly(13, 7, 3, 47);
            assertThat(c.frameworks()).containsOnlyKeys("few-shot", "näive \"quoted\"");
            assertThat(c.frameworks().get("näive \"quoted\"")).containsExactly(3, 1, 1, 9);
            assertThat(c.models().get("m")).containsExactly(13, 7, 3, 47);
            assertThat(c.tags()).isEmpty();
            assertThat(c.features()).hasDimensions(2, 4);
        }
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"[]", "{\"max_id\":1}", "{\"max_id\":\"x\",\"overall\":[]}", "{", "",
                "{\"max_id\":1,\"overall\":[1,\"2\"],\"frameworks\":{},\"models\":{},\"tags\":{},\"features\":[]}"}) {
            assertThatThrownBy(() -> DayCountsJson.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
