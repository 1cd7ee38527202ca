package dev.feedbackloop;

import dev.feedbackloop.privacy.Masking;
import dev.feedbackloop.routing.RoutingRules;
import dev.feedbackloop.storage.StoreLocations;
import dev.feedbackloop.suggestions.ClaudeSettings;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;

/** How a {@link FeedbackLoop} is put together; every setting has a default. Not thread-safe. */
public final class FeedbackLoopBuilder {
    final String location;
    Clock clock = Clock.systemDefaultZone();
    ClaudeSettings claude;
    Consumer<String> claudeProgress = line -> { };
    Consumer<String> notes = line -> { };
    RoutingRules rules;
    Masking masking;
    dev.feedbackloop.alerts.AlertConfig alerts = dev.feedbackloop.alerts.AlertConfig.DEFAULT;
    boolean oneShot;

    FeedbackLoopBuilder(String location) {
        this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * The process runs one command and ends (the command line; not the service, nor an application that
     * keeps the loop open): a store may then skip what only pays off over time, such as a connection
     * pool's housekeeping threads (default: false).
     */
    public FeedbackLoopBuilder oneShot(boolean oneShot) {
        this.oneShot = oneShot;
        return this;
    }

    /** The one clock every feature reads (default: the system clock in the local zone). */
    public FeedbackLoopBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Claude for suggestions (default: from {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}). */
    public FeedbackLoopBuilder claude(ClaudeSettings claude) {
        this.claude = claude;
        return this;
    }

    /** Told each attempt and retry of a Claude call, for people watching (default: nobody). */
    public FeedbackLoopBuilder claudeProgress(Consumer<String> progress) {
        this.claudeProgress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /**
     * Told, in one line each, of long one-time work that a command does on the way (typing many
     * entries stored before task classes were kept), for people waiting (default: nobody).
     */
    public FeedbackLoopBuilder notes(Consumer<String> notes) {
        this.notes = Objects.requireNonNull(notes, "notes");
        return this;
    }

    /**
     * Masking at capture for this process, over the deployment's stored setting
     * ({@link FeedbackLoop#setMasking}; default: that setting, else off).
     */
    public FeedbackLoopBuilder masking(Masking masking) {
        this.masking = masking;
        return this;
    }

    /** How alerts and scheduled reviews run and are delivered (default: {@link dev.feedbackloop.alerts.AlertConfig#DEFAULT}). */
    public FeedbackLoopBuilder alerts(dev.feedbackloop.alerts.AlertConfig alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        return this;
    }

    /** The router's rules (default: the bundled ones). */
    public FeedbackLoopBuilder routingRules(RoutingRules rules) {
        this.rules = rules;
        return this;
    }

    /**
     * Opens the store (creating or upgrading it) and wires the features over it.
     *
     * @throws InvalidInputException for a location no store can serve
     * @throws StorageException      when the store cannot be opened
     */
    public FeedbackLoop open() {
        return new FeedbackLoop(StoreLocations.open(location, clock, oneShot), this);
    }
}
