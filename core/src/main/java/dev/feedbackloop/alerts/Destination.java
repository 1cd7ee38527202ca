package dev.feedbackloop.alerts;

import dev.feedbackloop.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where alerts and reviews are delivered.
 *
 * @param type    webhook (JSON signed with HMAC-SHA256), slack (incoming webhook) or email (SMTP)
 * @param target  the URL (webhook, slack) or the recipient address (email)
 * @param secret  the webhook's signing key or the SMTP password; null when none. Never printed, logged
 *                or put in JSON: {@link #toString()} leaves it out
 * @param options for email: {@code host}, {@code port}, {@code from}, {@code user}, {@code starttls}
 */
public record Destination(String name, Type type, String target, String secret, Map<String, String> options,
        Instant createdAt) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public enum Type {
        WEBHOOK, SLACK, EMAIL;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** @throws InvalidInputException for another name */
        public static Type parse(String text) {
            for (Type t : values()) {
                if (t.id().equalsIgnoreCase(text)) {
                    return t;
                }
            }
            throw new InvalidInputException("destination type must be webhook, slack or email, not '" + text + "'");
        }
    }

    /** @throws InvalidInputException for a bad name, URL or address */
    public Destination {
        Objects.requireNonNull(type, "type");
        options = options == null ? Map.of() : Map.copyOf(options);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("destination name must be 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        if (target == null || target.isBlank()) {
            throw new InvalidInputException("destination " + name + " needs a target (URL or e-mail address)");
        }
        if (type == Type.EMAIL) {
            if (!target.matches("[^@\\s]+@[^@\\s]+")) {
                throw new InvalidInputException("not an e-mail address: " + target);
            }
            if (options.get("host") == null) {
                throw new InvalidInputException("destination " + name + " (email) needs an SMTP host (--smtp-host)");
            }
        } else {
            URI uri;
            try {
                uri = URI.create(target);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("not a URL: " + target);
            }
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new InvalidInputException("destination URL must be https://host/...: " + target);
            }
            // alerts carry figures and example prompts: plain HTTP only to this machine
            if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
                throw new InvalidInputException("destination URL must use https (plain http only to localhost): " + target);
            }
        }
        if (type == Type.WEBHOOK && (secret == null || secret.length() < 16)) {
            throw new InvalidInputException("a webhook needs a signing secret of at least 16 characters");
        }
    }

    private static boolean isLoopback(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        // an IPv4 literal in 127/8, not any name starting with "127." (127.attacker.example is remote)
        return h.equalsIgnoreCase("localhost") || h.matches("127(\\.\\d{1,3}){3}") || h.equals("::1");
    }

    /**
     * The target as shown to anyone who may list destinations (read keys included): without
     * credentials or query, and with no more of the path than its start, since a webhook's path often
     * carries its token (a Slack webhook's URL is a secret itself): up to 12 characters of a Slack
     * path, the first segment (12 characters at most) of another.
     */
    public String shownTarget() {
        if (type == Type.EMAIL) {
            return target;
        }
        URI uri = URI.create(target);
        String shown = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (type == Type.SLACK) {
            return path.length() > 12 ? shown + path.substring(0, 12) + "..." : shown + path;
        }
        int second = path.indexOf('/', 1);
        String first = second < 0 ? path : path.substring(0, second);
        boolean cut = first.length() > 13 || second >= 0 && second < path.length() - 1;
        return shown + (first.length() > 13 ? first.substring(0, 13) : first) + (cut ? "/..." : "");
    }

    @Override
    public String toString() {
        return "Destination[" + name + ", " + type.id() + ", " + shownTarget() + "]";
    }
}
