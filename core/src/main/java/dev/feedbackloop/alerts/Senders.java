package dev.feedbackloop.alerts;

import dev.feedbackloop.FeedbackJson;
import dev.feedbackloop.internal.Json;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sends one event to one destination, in that destination's format: the generic webhook (the event
 * as JSON, signed, see {@link WebhookSignature}), a Slack incoming webhook (blocks) or an e-mail over
 * SMTP. A webhook's whole exchange is bounded by {@code timeout}, so a receiver that hangs costs at
 * most that; an e-mail's every step (connecting, each command and its reply) is, and the whole exchange
 * by {@link #longestSend} (a watchdog closes its socket then: a server that trickles continuation lines
 * would hold one step for good otherwise). Never follows redirects. Thread-safe.
 *
 * <p>Every event payload carries {@code title}, {@code lines} (a few sentences) and {@code link} (a
 * dashboard path); the formats for people use those, the webhook sends everything.
 */
public final class Senders {
    /** What a destination answered. {@code status}: the HTTP status or SMTP reply; {@code error}: why it failed. */
    public record Answer(boolean delivered, String status, String error) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final String publicUrl;

    /** @param publicUrl where the dashboard is reached (links in messages); null: links stay paths */
    public Senders(Clock clock, Duration timeout, String publicUrl) {
        this.clock = clock;
        this.timeout = timeout;
        this.publicUrl = publicUrl == null ? null : publicUrl.replaceAll("/+$", "");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The longest a {@link #send} to {@code to} can take: {@code timeout} for the webhooks; for an
     * e-mail, {@code timeout} per step of the SMTP exchange (connecting, the greeting, EHLO, STARTTLS and
     * EHLO again, up to three for AUTH, MAIL, one RCPT per recipient, DATA, the message, its end, QUIT),
     * after which its socket is closed. What the outbox's claim on a delivery must outlast, so that no
     * other process starts the same attempt.
     */
    public Duration longestSend(Destination to) {
        if (to.type() != Destination.Type.EMAIL) {
            return timeout;
        }
        int recipients;
        try {
            recipients = InternetAddress.parse(to.target()).length;
        } catch (jakarta.mail.internet.AddressException e) {
            recipients = 1; // the send fails at once
        }
        return timeout.multipliedBy(SMTP_STEPS + recipients);
    }

    /** The steps of an SMTP exchange besides the recipients (see {@link #longestSend}). */
    private static final int SMTP_STEPS = 13;

    /** Sends; never throws for a failure of the destination (it is in the answer). */
    public Answer send(Destination to, Delivery d) {
        try {
            return switch (to.type()) {
                case WEBHOOK -> webhook(to, d);
                case SLACK -> post(to, d, FeedbackJson.write(slack(d)).getBytes(StandardCharsets.UTF_8), null);
                case EMAIL -> email(to, d);
            };
        } catch (IOException | MessagingException | RuntimeException e) {
            // a Slack URL is itself a secret: never repeat the target in what is stored and shown
            String detail = e.getMessage() == null ? "no detail" : e.getMessage().replace(to.target(), to.shownTarget());
            return new Answer(false, null, e.getClass().getSimpleName() + " (" + to.shownTarget() + "): " + detail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(false, null, "interrupted");
        }
    }

    /** The generic webhook's body: the event with its idempotency key. The same bytes on every attempt. */
    static byte[] webhookBody(Delivery d) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("idempotency_key", d.eventKey());
        body.put("kind", d.kind());
        body.put("event", Json.parse(d.payload()));
        return FeedbackJson.write(body).getBytes(StandardCharsets.UTF_8);
    }

    private Answer webhook(Destination to, Delivery d) throws IOException, InterruptedException {
        byte[] body = webhookBody(d);
        return post(to, d, body, WebhookSignature.sign(to.secret(), clock.instant(), body));
    }

    private Answer post(Destination to, Delivery d, byte[] body, String signature)
            throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(to.target())).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", d.eventKey())
                .header("User-Agent", "feedback-loop-alerts")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            req.header(WebhookSignature.HEADER, signature);
        }
        // the request's own timeout ends once the headers are in: a receiver trickling (or stalling in)
        // its body would hold this thread for good, so the whole exchange is bounded here
        java.util.concurrent.CompletableFuture<HttpResponse<String>> pending =
                http.sendAsync(req.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> res;
        try {
            res = pending.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new java.net.http.HttpTimeoutException("request timed out: no whole answer within " + timeout.toMillis()
                    + " ms");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        }
        String status = "HTTP " + res.statusCode();
        boolean ok = res.statusCode() / 100 == 2;
        String answer = res.body() == null ? "" : res.body();
        return new Answer(ok, status, ok ? null : status + (answer.isBlank() ? "" : ": " + cut(answer, 200)));
    }

    /** Slack's incoming-webhook message: a header, the lines, a link button; texts escaped for mrkdwn. */
    Map<String, Object> slack(Delivery d) {
        Map<String, Object> e = event(d);
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", cut(title(e), 150))));
        for (String line : lines(e)) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", mrkdwn(line))));
        }
        String link = link(e);
        if (link != null && link.startsWith("http")) {
            blocks.add(Map.of("type", "actions", "elements", List.of(Map.of("type", "button",
                    "text", Map.of("type", "plain_text", "text", "Open the dashboard"), "url", link))));
        } else if (link != null) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                    mrkdwn("Dashboard: " + link)))));
        }
        blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                mrkdwn("event " + d.eventKey())))));
        Map<String, Object> msg = new LinkedHashMap<>();
        msg.put("text", title(e));
        msg.put("blocks", blocks);
        return msg;
    }

    private Answer email(Destination to, Delivery d) throws MessagingException {
        Duration deadline = longestSend(to);
        try (SmtpDeadline watchdog = new SmtpDeadline(deadline)) {
            try {
                return email(to, d, watchdog);
            } catch (MessagingException e) {
                if (watchdog.expired()) {
                    throw new MessagingException("the SMTP exchange was cut after " + deadline.toSeconds()
                            + " s (the longest a send may take)", e);
                }
                throw e;
            }
        }
    }

    private Answer email(Destination to, Delivery d, SmtpDeadline watchdog) throws MessagingException {
        Map<String, Object> e = event(d);
        Properties props = new Properties();
        Map<String, String> o = to.options();
        props.put("mail.smtp.host", o.get("host"));
        props.put("mail.smtp.port", o.getOrDefault("port", "25"));
        String ms = String.valueOf(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", ms);
        props.put("mail.smtp.timeout", ms);
        props.put("mail.smtp.writetimeout", ms);
        props.put("mail.smtp.socketFactory", watchdog);
        props.put("mail.smtp.socketFactory.fallback", "false");
        if (Boolean.parseBoolean(o.getOrDefault("starttls", "false"))) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        String user = o.get("user");
        if (user != null) {
            props.put("mail.smtp.auth", "true");
        }
        Session session = Session.getInstance(props);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(o.getOrDefault("from", "feedback-loop@localhost")));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to.target()));
        m.setSubject(cut(title(e), 200), "UTF-8");
        StringBuilder text = new StringBuilder();
        for (String line : lines(e)) {
            text.append(line).append("\n\n");
        }
        if (link(e) != null) {
            text.append("Dashboard: ").append(link(e)).append("\n");
        }
        text.append("\nevent ").append(d.eventKey()).append("\n");
        m.setText(text.toString(), "UTF-8");
        m.setHeader("X-Feedback-Event", d.eventKey());
        try (Transport t = session.getTransport("smtp")) {
            if (user != null) {
                t.connect(o.get("host"), Integer.parseInt(o.getOrDefault("port", "25")), user, to.secret());
            } else {
                t.connect();
            }
            t.sendMessage(m, m.getAllRecipients());
        }
        return new Answer(true, "SMTP 250", null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event(Delivery d) {
        return (Map<String, Object>) Json.parse(d.payload());
    }

    private static String title(Map<String, Object> e) {
        return String.valueOf(e.getOrDefault("title", "feedback-loop"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> lines(Map<String, Object> e) {
        Object l = e.get("lines");
        return l instanceof List ? ((List<Object>) l).stream().map(String::valueOf).toList() : List.of();
    }

    private String link(Map<String, Object> e) {
        Object l = e.get("link");
        if (l == null) {
            return null;
        }
        return publicUrl != null && l.toString().startsWith("/") ? publicUrl + l : l.toString();
    }

    /** Slack's mrkdwn escapes: what a user typed cannot become a mention or a link. */
    static String mrkdwn(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }
}
