package dev.feedbackloop.routing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbers behind a decision ({@code --explain}).
 *
 * @param classification  every task type that scored, best first
 * @param confidenceBasis what the reported confidence is, in words
 * @param seed            the seed of this decision's random draws; null when nothing was drawn
 * @param halfLifeDays    decay half-life used by learning; null in other modes
 * @param candidates      per-candidate posteriors (learning); empty in other modes
 * @param nudge           the baseline's evidence; null in other modes
 */
public record DecisionExplanation(List<Classification.Score> classification, String confidenceBasis, Long seed,
                                  Double halfLifeDays, List<CandidateEstimate> candidates, NudgeEvidence nudge) {
    public DecisionExplanation {
        classification = List.copyOf(classification);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classification", classification.stream().map(s -> {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("task_type", s.taskType());
            one.put("score", s.score());
            one.put("signals", s.signals());
            return one;
        }).toList());
        m.put("confidence_basis", confidenceBasis);
        if (seed != null) {
            m.put("seed", seed);
        }
        if (halfLifeDays != null) {
            m.put("half_life_days", halfLifeDays);
        }
        if (!candidates.isEmpty()) {
            m.put("candidates", candidates.stream().map(CandidateEstimate::toMap).toList());
        }
        if (nudge != null) {
            m.put("nudge", nudge.toMap());
        }
        return m;
    }
}
