package dev.feedbackloop.server;

import dev.feedbackloop.access.SignIn;
import dev.feedbackloop.access.SignIns;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Dashboard sign-ins at the edge: a person gives a read or admin key once on the login form and gets a
 * session cookie ({@value #COOKIE}: HttpOnly, SameSite=Strict, Secure over https) instead of keeping the
 * key in the browser. The sign-ins themselves live in the database ({@link SignIns}: only the SHA-256 of
 * an id is stored), so they survive a restart and hold on every instance sharing one database. A session
 * acts as its key: it ends when the key is revoked (checked by {@link Access} on every request), after
 * {@link SignIns#IDLE} without a request, after {@link SignIns#MAX_AGE} in any case, and on logout.
 * Thread-safe.
 */
final class Sessions {
    static final String COOKIE = "feedback_session";

    private final SignIns signIns;

    Sessions(SignIns signIns) {
        this.signIns = signIns;
    }

    /**
     * Opens a session for the key named {@code keyName} and sets its cookie on {@code ctx}. The session
     * the request's cookie named, if any, ends: a sign-in never keeps an id the browser had before.
     */
    void open(Context ctx, String keyName) {
        signIns.close(ctx.cookie(COOKIE));
        SignIns.Opened opened = signIns.open(keyName);
        ctx.header("Set-Cookie", cookie(ctx, opened.secret(), SignIns.MAX_AGE.toSeconds()));
    }

    /** The live session of the request's cookie (its use recorded at most once a minute); empty without one. */
    Optional<SignIn> find(Context ctx) {
        return signIns.find(ctx.cookie(COOKIE));
    }

    /** Ends the request's session, if any, and clears its cookie. */
    void close(Context ctx) {
        signIns.close(ctx.cookie(COOKIE));
        ctx.header("Set-Cookie", cookie(ctx, "", 0));
    }

    /** Ends every session of the key named {@code keyName} (it was revoked). */
    void closeAll(String keyName) {
        signIns.closeAll(keyName);
    }

    private static String cookie(Context ctx, String value, long maxAge) {
        return COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (isHttps(ctx) ? "; Secure" : "");
    }

    /** Over TLS here, or behind a proxy that says it terminated TLS. */
    static boolean isHttps(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    /**
     * The CSRF check of a state-changing request made with a session cookie: its {@code Origin} must be
     * this server's own (SameSite=Strict already keeps the cookie off cross-site requests; this is the
     * second lock). Browsers send {@code Origin} on every POST and DELETE.
     *
     * @throws HttpProblem 403 when the origin is missing or another site's
     */
    static void requireSameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (!sameOrigin(ctx)) {
            throw HttpProblem.forbidden("a signed-in browser may change things only from this server's own pages"
                    + " (the request's Origin is " + (origin == null ? "missing" : origin) + ")");
        }
    }

    /** Whether the request's {@code Origin} is this server's own (its pages: the dashboard, the widget demo). */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String host = ctx.header("Host");
        return origin != null && host != null
                && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host));
    }
}
