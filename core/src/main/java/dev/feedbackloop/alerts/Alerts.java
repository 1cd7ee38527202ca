package dev.feedbackloop.alerts;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.NotFoundException;
import dev.feedbackloop.internal.Json;
import dev.feedbackloop.reporting.ReportPeriod;
import dev.feedbackloop.reporting.Reporter;
import dev.feedbackloop.storage.AlertStore;
import dev.feedbackloop.storage.FeedbackStore;
import dev.feedbackloop.suggestions.Suggester;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Alerts and reviews, as the command line and the service use them: the daily look for drops,
 * reviews, destinations, the outbox, and the scheduler's {@link #tick}. Thread-safe.
 */
public final class Alerts {
    /** How long an instance holds a schedule's lease while it runs (another may take over after). */
    static final Duration LEASE = Duration.ofMinutes(15);

    private final AlertStore store;
    private final Clock clock;
    private final AlertConfig config;
    private final AlertMonitor monitor;
    private final Reviews reviews;
    private final Outbox outbox;
    private final Senders senders;
    private final Schedule weekly;
    private final Schedule monthly;
    private final Schedule check;

    /**
     * @throws dev.feedbackloop.InvalidInputException when a cron expression is not valid
     */
    public Alerts(FeedbackStore feedback, Clock clock, AlertConfig config, Supplier<Reporter> reporter,
            Supplier<Suggester> suggester, Path defaultReportsDir) {
        clock = config.zone() == null ? clock : clock.withZone(config.zone());
        this.store = feedback.alertStore();
        this.clock = clock;
        this.config = config;
        this.monitor = new AlertMonitor(feedback, clock, config.monitor());
        this.reviews = new Reviews(reporter, suggester, clock,
                config.reportsDir() != null ? config.reportsDir() : defaultReportsDir);
        this.senders = new Senders(clock, config.retry().sendTimeout(), config.publicUrl());
        this.outbox = new Outbox(store, senders, clock, config.retry(), new SplittableRandom());
        this.weekly = Schedule.of("review/weekly", config.weeklyCron(), clock.getZone());
        this.monthly = Schedule.of("review/monthly", config.monthlyCron(), clock.getZone());
        this.check = Schedule.of("alerts/check", config.checkCron(), clock.getZone());
    }

    public AlertConfig config() {
        return config;
    }

    /** Looks for drops now; new alerts are kept and queued for every destination. */
    public AlertMonitor.Check check() {
        AlertMonitor.Check c = monitor.check();
        for (Map<String, Object> alert : c.raised()) {
            outbox.queue((String) alert.get("alert_key"), "alert", FeedbackJson.write(forDelivery(alert)), null);
        }
        return c;
    }

    /** The alert with the fields every destination reads (title, lines, link). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> forDelivery(Map<String, Object> alert) {
        Map<String, Object> e = new LinkedHashMap<>(alert);
        List<String> lines = new ArrayList<>();
        Map<String, Object> base = (Map<String, Object>) alert.get("baseline");
        Map<String, Object> now = (Map<String, Object>) alert.get("current");
        Map<String, Object> diff = (Map<String, Object>) alert.get("difference_points");
        Map<String, Object> evidence = (Map<String, Object>) alert.get("evidence");
        lines.add(String.format(java.util.Locale.ROOT, "From %s (%s to %s, %s votes) to %s since %s (%s votes): %s points, 95%% CI %s",
                pct(base), base.get("from"), base.get("to"), base.get("votes"), pct(now), alert.get("since"),
                now.get("votes"), diff.get("estimate"), diff.get("ci95")));
        lines.add("How sure: " + evidence.get("statement") + " (evidence " + String.format(java.util.Locale.ROOT, "%.3g",
                ((Number) evidence.get("e_value")).doubleValue()) + ")");
        for (Map<String, Object> f : (List<Map<String, Object>>) alert.get("findings")) {
            lines.add("Explained by " + f.get("text"));
        }
        for (Map<String, Object> x : (List<Map<String, Object>>) alert.get("examples")) {
            lines.add("Example failure (rating " + x.get("rating") + "): " + x.get("prompt")
                    + (x.get("notes") != null ? " / notes: " + x.get("notes") : ""));
        }
        e.put("title", alert.get("summary"));
        e.put("lines", lines);
        e.put("link", alert.get("dashboard"));
        return e;
    }

    private static String pct(Map<String, Object> p) {
        @SuppressWarnings("unchecked")
        List<Number> ci = (List<Number>) p.get("ci95");
        return String.format(java.util.Locale.ROOT, "%.1f%% [%.1f-%.1f%%]", 100 * ((Number) p.get("success_rate")).doubleValue(),
                100 * ci.get(0).doubleValue(), 100 * ci.get(1).doubleValue());
    }

    /** The latest alerts, newest first (JSON-ready maps). */
    public List<Map<String, Object>> list(int limit) {
        return store.alerts(limit).stream().map(j -> Json.parseObject(j, "alert")).toList();
    }

    /** The latest deliveries of any state (dead letters included), newest first. */
    public List<Delivery> deliveries(int limit) {
        return store.deliveries(limit);
    }

    /** The latest deliveries in {@code state} (null: any), newest first, however many others are newer. */
    public List<Delivery> deliveries(int limit, Delivery.State state) {
        return store.deliveries(limit, state);
    }

    /** A delivery as shown (the payload left out: it is the alert or review itself). */
    public static Map<String, Object> toMap(Delivery d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event_key", d.eventKey());
        m.put("destination", d.destination());
        m.put("kind", d.kind());
        m.put("state", d.state().id());
        m.put("attempts", d.attempts());
        m.put("next_attempt_at", d.state() == Delivery.State.PENDING ? d.nextAt().toString() : null);
        m.put("created_at", d.createdAt().toString());
        m.put("updated_at", d.updatedAt().toString());
        m.put("last_status", d.lastStatus());
        m.put("last_error", d.lastError());
        return m;
    }

    /** A destination as shown: never its secret. */
    public static Map<String, Object> toMap(Destination d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("type", d.type().id());
        m.put("target", d.shownTarget());
        m.put("signed", d.secret() != null && d.type() == Destination.Type.WEBHOOK);
        m.put("created_at", d.createdAt().toString());
        return m;
    }

    public List<Destination> destinations() {
        return store.destinations();
    }

    /** @throws dev.feedbackloop.ConflictException when one has that name */
    public void addDestination(Destination d) {
        store.addDestination(d);
    }

    /** @throws NotFoundException when none has that name */
    public void removeDestination(String name) {
        if (!store.removeDestination(name)) {
            throw new NotFoundException("no destination named " + name);
        }
    }

    /** What one destination answered to a sample. */
    public record TestAnswer(String destination, String type, boolean delivered, String status, String error) {
    }

    /** Sends a sample message to each destination now (not through the outbox) and says what each answered. */
    public List<TestAnswer> test() {
        Instant now = clock.instant();
        String key = "test/" + now.toEpochMilli();
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("type", "test");
        sample.put("title", "feedback-loop test message");
        sample.put("lines", List.of("This is a test of the alert destination. Alerts and reviews will look like this."));
        sample.put("link", "/?period=7d");
        String payload = FeedbackJson.write(sample);
        List<TestAnswer> out = new ArrayList<>();
        for (Destination d : store.destinations()) {
            Delivery delivery = Delivery.queued(key, d.name(), "test", payload, now);
            Senders.Answer a = senders.send(d, delivery);
            out.add(new TestAnswer(d.name(), d.type().id(), a.delivered(), a.status(), a.error()));
        }
        return out;
    }

    /** Runs a review now; when {@code deliver}, queues it for every destination and sends what is due. */
    public Reviews.Review review(ReportPeriod.Kind kind, boolean deliver) {
        Reviews.Review r = reviews.run(kind);
        if (deliver) {
            outbox.queue(r.eventKey(), "review", FeedbackJson.write(r.event()), null);
            outbox.deliverDue();
        }
        return r;
    }

    public Outbox.Pass deliverDue() {
        return outbox.deliverDue();
    }

    /** What one tick of the scheduler did. */
    public record Tick(List<String> ran, Outbox.Pass delivered) {
    }

    /**
     * One turn of the service's scheduler: runs each schedule (weekly and monthly review, the daily
     * look for drops) whose latest time has passed and was not done yet, under a lease in the
     * database so that instances sharing it run each once; then sends what is due. A schedule seen for
     * the first time starts from its next time (nothing is run for the past). Missed times while the
     * service was down run once, as the latest of them.
     *
     * @param holder this instance's name in the lease
     */
    public Tick tick(String holder) {
        List<String> ran = new ArrayList<>();
        run(weekly, holder, ran, () -> scheduledReview(ReportPeriod.Kind.WEEKLY));
        run(monthly, holder, ran, () -> scheduledReview(ReportPeriod.Kind.MONTHLY));
        run(check, holder, ran, () -> check());
        return new Tick(ran, outbox.deliverDue());
    }

    private void run(Schedule s, String holder, List<String> ran, Runnable work) {
        Instant now = clock.instant();
        Optional<Instant> slot = s.lastAtOrBefore(now);
        if (slot.isEmpty()) {
            return;
        }
        if (store.lastRun(s.name()).isEmpty()) {
            // first sight: the schedule starts now, at its latest time, without running the past
            if (store.claimRun(s.name(), slot.get(), holder, now, now.plus(LEASE))) {
                store.finishRun(s.name(), slot.get(), holder);
            }
            return;
        }
        if (!store.claimRun(s.name(), slot.get(), holder, now, now.plus(LEASE))) {
            return;
        }
        work.run();
        store.finishRun(s.name(), slot.get(), holder);
        ran.add(s.name() + "@" + slot.get());
    }

    private void scheduledReview(ReportPeriod.Kind kind) {
        Reviews.Review r = reviews.run(kind);
        outbox.queue(r.eventKey(), "review", FeedbackJson.write(r.event()), null);
    }
}
