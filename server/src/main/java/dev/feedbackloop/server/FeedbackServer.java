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
    private final RecentAnswers answers;
    private final Api[] api = new Api[1];
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final java.util.Map<TimerKey, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();
    private final AlertScheduler scheduler;
    private volatile boolean accepting = true;

    private FeedbackServer(FeedbackLoop loop, ServerSettings settings, Consumer<String> log) {
        Access access = new Access(() -> loop.keys().list(), settings.requestsPerSecond(), new Sessions(loop.signIns()));
        this.writer = new GroupCommitWriter(loop.database(), metrics);
        this.answers = new RecentAnswers(loop.clock());
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
            new AnalysisRoutes(loop, answers).register(routes);
            new OpsRoutes(loop, metrics, () -> accepting).register(routes);
            new DashboardRoutes(loop, answers).register(routes);
            new DashboardPages(access).register(config.routes);
            new LifecycleRoutes(loop).register(routes);
            new AlertRoutes(loop).register(routes);
            config.routes.exception(Exception.class, (e, ctx) -> problems.answer(e, ctx));
            // Javalin answers unmatched routes and methods itself; make those answers problems too
            config.routes.error(404, ctx -> asProblem(problems, ctx, new io.javalin.http.NotFoundResponse("no route "
                    + ctx.method() + " " + ctx.path() + " (the API is described at /api and /openapi.json)")));
            config.routes.error(405, ctx -> asProblem(problems, ctx, new io.javalin.http.MethodNotAllowedResponse(
                    ctx.method() + " is not allowed on " + ctx.path() + " (see /openapi.json)")));
            config.requestLogger.http((ctx, ms) -> logRequest(ctx, ms, log));
            api[0] = routes;
        });
        // every capture without a task type is typed as it is written: the classifier (its rules read
        // once, 0.1-0.3 s) is built now rather than by the first capture's request
        dev.feedbackloop.routing.TaskClassifier.bundled();
        app.start();
        this.scheduler = settings.alertTick() == null ? null : new AlertScheduler(loop, settings.alertTick(), log, metrics);
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
        if (scheduler != null) {
            scheduler.close();
        }
        app.stop();
        writer.close();
        answers.close();
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

    /** A request's timer: looked up per request, registered once (Micrometer's builder costs more than the lookup). */
    private record TimerKey(HandlerType method, String route, int status) {
    }

    private void logRequest(Context ctx, Float ms, Consumer<String> log) {
        String route;
        try {
            route = ctx.endpoint().path;
        } catch (RuntimeException e) {
            route = "unmatched";
        }
        int status = ctx.statusCode();
        TimerKey key = new TimerKey(ctx.method(), route, status);
        timers.computeIfAbsent(key, k -> Timer.builder("http.server.requests").tag("method", k.method.name())
                .tag("route", k.route).tag("status", Integer.toString(k.status)).publishPercentileHistogram()
                .register(metrics)).record((long) (ms * 1_000_000), TimeUnit.NANOSECONDS);
        if (ctx.method() != HandlerType.OPTIONS || status >= 400) {
            Object name = ctx.attribute(Access.KEY_ATTRIBUTE);
            int tenths = Math.round(ms * 10);
            log.accept(new StringBuilder(96).append(ctx.ip()).append(' ').append(ctx.method()).append(' ')
                    .append(ctx.path()).append(' ').append(status).append(' ').append(tenths / 10).append('.')
                    .append(tenths % 10).append("ms key=").append(name == null ? "-" : name).toString());
        }
    }
}
