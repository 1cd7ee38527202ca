package dev.feedbackloop.routing;

import dev.feedbackloop.storage.FeedbackStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The router that learns from feedback: the rules' decision ({@link RuleRouter}), the
 * specification's confidence nudge ({@link RouterMode#BASELINE}) or a decision learned from the
 * attributed feedback in the store ({@link RouterMode#LEARNING}). {@link RouterMode#AUTO}, the
 * default, learns for task types that have feedback and uses the rules for the others.
 *
 * <p>Every decision first reads the feedback stored since the previous one (see
 * {@link OutcomeLedger}); the first decision reads all of it. Thread-safe.
 */
public final class PromptRouter {
    private final RuleRouter rules;
    private final LearnedRouting learned;
    private final OutcomeLedger ledger;
    private final PromptEnhancer enhancer;
    private final Clock clock;

    public PromptRouter(RoutingRules rules, FeedbackStore store, Clock clock) {
        this.clock = clock;
        this.rules = new RuleRouter(rules);
        this.learned = new LearnedRouting(this.rules);
        this.ledger = new OutcomeLedger(store, clock);
        this.enhancer = new PromptEnhancer(rules);
    }

    /** {@code route_prompt(task)} with learning: {@link RouteOptions#DEFAULT}. */
    public RoutingDecision route(String task) {
        return route(task, RouteOptions.DEFAULT);
    }

    /**
     * @throws dev.feedbackloop.InvalidInputException when the task is blank
     * @throws dev.feedbackloop.StorageException      when the store cannot be read (not in STATIC mode)
     */
    public RoutingDecision route(String task, RouteOptions options) {
        Classification c = rules.classify(task);
        if (options.mode() == RouterMode.STATIC) {
            return rules.decide(c);
        }
        ledger.refresh();
        if (options.mode() == RouterMode.BASELINE) {
            return ConfidenceNudge.apply(rules.decide(c), ledger);
        }
        Map<String, Tally> tallies = ledger.decayed(c.taskType().name(), rules.rules().learning().halfLifeDays());
        if (options.mode() == RouterMode.AUTO && tallies.isEmpty()) {
            return rules.decide(c);
        }
        long seed = options.seed() != null ? options.seed() : ThreadLocalRandom.current().nextLong();
        return learned.decide(c, tallies, seed);
    }

    /**
     * How the success rate of the task type's routed prompts moved, per week over the last {@code days}
     * UTC days (see {@link RoutedTrend}); from the same incrementally read counts as the decisions.
     *
     * @throws dev.feedbackloop.StorageException when the store cannot be read
     */
    public RoutedTrend trend(String taskType, int days) {
        ledger.refresh();
        return RoutedTrend.of(ledger, taskType, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC), days);
    }

    /** {@code build_enhanced_prompt(task, routing)}. */
    public String enhance(String task, RoutingDecision routing) {
        return enhancer.build(task, routing);
    }

    public RoutingRules rules() {
        return rules.rules();
    }

    /** The in-memory aggregates (for inspection and tests). */
    public OutcomeLedger ledger() {
        return ledger;
    }
}
