package dev.feedbackloop.server;

import dev.feedbackloop.FeedbackLoop;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

/**
 * {@code feedback serve}: the HTTP API over one {@link FeedbackLoop}, and the server's composition
 * root. Everything the handlers do goes through the loop; captures go through one
 * {@link GroupCommitWriter}. {@link #stop()} is graceful: it stops accepting, lets requests in flight
 * finish, commits what they submitted, and only then returns. The loop stays the caller's to close.
 */
public final class FeedbackServer implements AutoCloseable {
    private final Javalin app;
    private final GroupCommitWriter writer;
    private final Api[] api = new Api[1];
    private volatile boolean accepting = true;

    private FeedbackServer(FeedbackLoop loop, ServerSettings settings, Consumer<String> log) {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Access access = new Access(() -> loop.keys().list(), settings.requestsPerSecond());
        this.writer = new GroupCommitWriter(loop.database(), metrics);
        Problems problems = new Problems(log);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.addConnector((server, http) -> {
                http.setSendServerVersion(false);
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(http));
                c.setHost(settings.host());
                c.setPort(settings.port());
                c.setIdleTimeout(settings.idleTimeout().toMillis());
                return c;
            });
            config.jetty.modifyServer(server -> server.setStopTimeout(30_000));
            Api routes = new Api(config.routes, access, settings.maxBodyBytes());
            new FeedbackRoutes(loop, writer).register(routes);
            new AnalysisRoutes(loop).register(routes);
            new OpsRoutes(loop, metrics, () -> accepting).register(routes);
            config.routes.exception(Exception.class, (e, ctx) -> problems.answer(e, ctx));
            // Javalin answers unmatched routes and methods itself; make those answers problems too
            config.routes.error(404, ctx -> asProblem(problems, ctx, new io.javalin.http.NotFoundResponse("no route "
                    + ctx.method() + " " + ctx.path() + " (the API is described at /api and /openapi.json)")));
            config.routes.error(405, ctx -> asProblem(problems, ctx, new io.javalin.http.MethodNotAllowedResponse(
                    ctx.method() + " is not allowed on " + ctx.path() + " (see /openapi.json)")));
            config.requestLogger.http((ctx, ms) -> logRequest(ctx, ms, metrics, log));
            api[0] = routes;
        });
        app.start();
    }

    /**
     * Starts listening. Without any active API key only loopback hosts are allowed: nothing would be
     * protected otherwise.
     *
     * @param log receives one access-log line per request (the key's name, never its value) and
     *            server errors
     * @throws IllegalStateException when asked to listen beyond loopback with no key, or the port is taken
     */
    public static FeedbackServer start(FeedbackLoop loop, ServerSettings settings, Consumer<String> log) {
        if (!isLoopback(settings.host()) && loop.keys().list().stream().noneMatch(k -> k.active())) {
            throw new IllegalStateException("no API key exists: refusing to listen on " + settings.host()
                    + " (beyond this machine). Create one with 'feedback keys create --name NAME --scope capture',"
                    + " or listen on 127.0.0.1.");
        }
        return new FeedbackServer(loop, settings, log);
    }

    static boolean isLoopback(String host) {
        try {
            return java.net.InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The port listened on (the one picked when the settings said 0). */
    public int port() {
        return app.jettyServer().port();
    }

    /** Every route, as registered (method and path template). */
    public List<String> routes() {
        return api[0].routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops accepting, finishes requests in flight, commits the captures they submitted. */
    public void stop() {
        accepting = false;
        app.stop();
        writer.close();
    }

    @Override
    public void close() {
        stop();
    }

    private static void asProblem(Problems problems, Context ctx, RuntimeException problem) {
        String type = ctx.res().getContentType();
        if (type == null || !type.startsWith(Problems.MEDIA_TYPE)) {
            problems.answer(problem, ctx);
        }
    }

    private static void logRequest(Context ctx, Float ms, PrometheusMeterRegistry metrics, Consumer<String> log) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        String status = Integer.toString(ctx.statusCode());
        Timer.builder("http.server.requests").tag("method", ctx.method().name()).tag("route", route)
                .tag("status", status).publishPercentileHistogram().register(metrics)
                .record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        if (ctx.method() != HandlerType.OPTIONS || ctx.statusCode() >= 400) {
            Object key = ctx.attribute(Access.KEY_ATTRIBUTE);
            log.accept(ctx.ip() + " " + ctx.method() + " " + ctx.path() + " " + status + " "
                    + String.format(java.util.Locale.ROOT, "%.1fms", ms) + " key=" + (key == null ? "-" : key));
        }
    }
}
