package dev.feedbackloop.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.feedbackloop.analysis.AnalysisJson;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rollups written by the object mapper (earlier versions) read the same, and written text reads back. */
class DayCountsJsonTest {
    static DayCounts sample() {
        Map<String, long[]> frameworks = new LinkedHashMap<>();
        frameworks.put("few-shot", new long[] {10, 6, 2, 38});
        frameworks.put("näive \"quoted\"", new long[] {3, 1, 1, 9});
        return new DayCounts(4711, new long[] {13, 7, 3, 47}, frameworks, Map.of("m", new long[] {13, 7, 3, 47}),
                Map.of(), new long[][] {{1, 1, 0, 5}, {0, 0, 0, 0}});
    }

    @Test
    void readsWhatTheObjectMapperWroteAndWhatItWritesItself() {
        for (String json : new String[] {AnalysisJson.write(sample()), DayCountsJson.write(sample())}) {
            DayCounts c = DayCountsJson.read(json);
            assertThat(c.maxId()).isEqualTo(4711);
            assertThat(c.overall()).containsExactly(13, 7, 3, 47);
            assertThat(c.frameworks()).containsOnlyKeys("few-shot", "näive \"quoted\"");
            assertThat(c.frameworks().get("näive \"quoted\"")).containsExactly(3, 1, 1, 9);
            assertThat(c.models().get("m")).containsExactly(13, 7, 3, 47);
            assertThat(c.tags()).isEmpty();
            assertThat(c.features()).hasDimensions(2, 4);
        }
        assertThat(DayCountsJson.write(sample())).isEqualTo(AnalysisJson.write(sample()));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {"[]", "{\"max_id\":1}", "{\"max_id\":\"x\",\"overall\":[]}", "{", "",
                "{\"max_id\":1,\"overall\":[1,\"2\"],\"frameworks\":{},\"models\":{},\"tags\":{},\"features\":[]}"}) {
            assertThatThrownBy(() -> DayCountsJson.read(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
