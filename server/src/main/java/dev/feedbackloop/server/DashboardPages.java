package dev.feedbackloop.server;

import dev.feedbackloop.access.ApiKey;
import dev.feedbackloop.access.KeyScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The pages people open: the dashboard at {@code /} (one page of plain ES code calling the public API
 * with the session cookie), the login form, the widget script {@code /widget.js} and its demo page.
 * Files come from the jar (uPlot from its WebJar); nothing is fetched from another host. Every page
 * is sent with a strict Content-Security-Policy (scripts and styles from this server only, no inline
 * code), {@code nosniff} and no framing. Data never appears in the HTML: the pages fill themselves
 * with {@code textContent} from JSON, so whatever users typed is never read as markup.
 */
final class DashboardPages {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";

    /** Files under /assets/: name to (content type, jar resource). */
    private static final Map<String, String[]> ASSETS = Map.of(
            "dashboard.js", new String[] {"text/javascript; charset=utf-8", "dashboard/dashboard.js"},
            "dashboard.css", new String[] {"text/css; charset=utf-8", "dashboard/dashboard.css"},
            "login.js", new String[] {"text/javascript; charset=utf-8", "dashboard/login.js"},
            "demo.js", new String[] {"text/javascript; charset=utf-8", "dashboard/demo.js"},
            "uPlot.min.js", new String[] {"text/javascript; charset=utf-8", UPLOT + "uPlot.iife.min.js"},
            "uPlot.min.css", new String[] {"text/css; charset=utf-8", UPLOT + "uPlot.min.css"});

    private final Access access;
    private final LoginAttempts attempts = new LoginAttempts();
    private final Map<String, byte[]> files = new java.util.concurrent.ConcurrentHashMap<>();

    DashboardPages(Access access) {
        this.access = access;
    }

    void register(RoutesConfig routes) {
        routes.addEndpoint(new Endpoint(HandlerType.GET, "/", this::dashboard));
        routes.addEndpoint(new Endpoint(HandlerType.GET, "/login", ctx -> page(ctx, "dashboard/login.html")));
        routes.addEndpoint(new Endpoint(HandlerType.POST, "/login", this::login));
        routes.addEndpoint(new Endpoint(HandlerType.POST, "/logout", this::logout));
        routes.addEndpoint(new Endpoint(HandlerType.GET, "/assets/{name}", this::asset));
        routes.addEndpoint(new Endpoint(HandlerType.GET, "/widget.js", this::widget));
        routes.addEndpoint(new Endpoint(HandlerType.GET, "/widget/demo", ctx -> page(ctx, "dashboard/demo.html")));
    }

    /** The dashboard for a signed-in browser; others are sent to the login form, which brings them back. */
    private void dashboard(Context ctx) {
        if (access.signedIn(ctx).isEmpty()) {
            String back = ctx.queryString() == null ? "/" : "/?" + ctx.queryString();
            ctx.redirect("/login?next=" + URLEncoder.encode(back, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        page(ctx, "dashboard/index.html");
    }

    /**
     * The login form's POST: {@code key} (a read or admin key) and {@code next} (a path on this server).
     * Signs in and goes to {@code next}, or back to the form saying why not (by a fixed code: nothing
     * the user typed is sent back). Failures are rate limited per client address ({@link LoginAttempts}).
     * A sign-in always gets a new session id and ends the browser's earlier session, if any.
     */
    private void login(Context ctx) {
        Sessions.requireSameOrigin(ctx);
        String next = safeNext(ctx.formParam("next"));
        String back = "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        if (!attempts.allowed(ctx.ip())) {
            ctx.redirect("/login?error=too-many" + back, io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        String secret = Optional.ofNullable(ctx.formParam("key")).orElse("");
        Optional<ApiKey> key = secret.isBlank() ? Optional.empty() : access.authenticate(secret);
        if (key.isEmpty()) {
            attempts.failed(ctx.ip());
            ctx.redirect("/login?error=unknown" + back, io.javalin.http.HttpStatus.SEE_OTHER);
        } else if (!key.get().scope().allows(KeyScope.READ)) {
            attempts.failed(ctx.ip());
            ctx.redirect("/login?error=scope" + back, io.javalin.http.HttpStatus.SEE_OTHER);
        } else {
            ctx.attribute(Access.KEY_ATTRIBUTE, key.get().name() + "(login)");
            access.sessions().open(ctx, key.get().name());
            ctx.redirect(next, io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private void logout(Context ctx) {
        Sessions.requireSameOrigin(ctx);
        access.sessions().close(ctx);
        ctx.redirect("/login?error=signed-out", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Only a path of this server ({@code /...}, never {@code //host} or a scheme): no open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "/";
        }
        return next;
    }

    private void asset(Context ctx) {
        String[] a = ASSETS.get(ctx.pathParam("name"));
        if (a == null) {
            throw new io.javalin.http.NotFoundResponse("no asset " + ctx.pathParam("name"));
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.contentType(a[0]).result(file(a[1]));
    }

    /** The widget script: any page may load it (it holds no data); it talks to the API with its token only. */
    private void widget(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
        ctx.contentType("text/javascript; charset=utf-8").result(file("dashboard/widget.js"));
    }

    private void page(Context ctx, String resource) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/html; charset=utf-8").result(file(resource));
    }

    private byte[] file(String resource) {
        return files.computeIfAbsent(resource, r -> {
            String path = r.startsWith("/") ? r : "/dev/feedbackloop/server/" + r;
            try (InputStream in = DashboardPages.class.getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalStateException(r + " is missing from the server's jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
