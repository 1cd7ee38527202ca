package dev.feedbackloop.access;

import dev.feedbackloop.InvalidInputException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored API key: never the key itself, only its SHA-256 ({@code hash}, lower-case hex).
 *
 * @param origins browser origins ({@code https://app.example}) allowed to use it across sites (CORS)
 * @param revoked when it was revoked; null while it is valid
 */
public record ApiKey(String name, KeyScope scope, String hash, List<String> origins, Instant created, Instant revoked) {
    public ApiKey {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidInputException("a key name is 1-64 letters, digits, '.', '_' or '-', starting with a letter"
                    + " or digit; got '" + name + "'", "name");
        }
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(created, "created");
        origins = List.copyOf(origins);
        origins.forEach(ApiKey::checkOrigin);
    }

    public boolean active() {
        return revoked == null;
    }

    public boolean allowsOrigin(String origin) {
        return origins.contains(origin);
    }

    /** @throws InvalidInputException unless {@code origin} is a scheme://host[:port] origin */
    static void checkOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException e) {
            throw new InvalidInputException("origin '" + origin + "' is not a URL", "origin");
        }
        boolean plain = uri.getScheme() != null && uri.getHost() != null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
        if (!plain || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
            throw new InvalidInputException("origin must look like https://app.example (scheme, host, optional port,"
                    + " nothing else), got '" + origin + "'", "origin");
        }
    }
}
