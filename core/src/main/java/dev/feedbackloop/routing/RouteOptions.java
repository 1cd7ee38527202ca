package dev.feedbackloop.routing;

import java.util.Objects;

/**
 * How to decide one route.
 *
 * @param seed seed of the decision's random draws (Thompson sampling); null = a fresh random one,
 *             reported in the explanation so the decision can be replayed
 */
public record RouteOptions(RouterMode mode, Long seed) {
    public static final RouteOptions DEFAULT = new RouteOptions(RouterMode.AUTO, null);

    public RouteOptions {
        Objects.requireNonNull(mode, "mode");
    }

    public static RouteOptions of(RouterMode mode) {
        return new RouteOptions(mode, null);
    }
}
