package io.pxeflow.controller.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Who is calling: every request to the admin API and to {@code /metrics} must carry one of the
 * configured tokens ({@code Authorization: Bearer ...}, compared in constant time), else 401; a
 * read-only token that tries to change something gets 403. The token's name (never its value) is
 * kept on the request for the command it becomes. Without any token configured (a controller on
 * loopback only: {@code ControllerConfig} refuses anything else) every caller is "anonymous".
 */
public final class ApiAuth implements Handler<RoutingContext> {
    private static final String CALLER = "pxeflow.caller";
    private static final List<HttpMethod> READS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final List<ApiToken> tokens;

    public ApiAuth(List<ApiToken> tokens) {
        this.tokens = List.copyOf(tokens);
    }

    /** True when requests are checked at all. */
    public boolean enabled() {
        return !tokens.isEmpty();
    }

    @Override
    public void handle(RoutingContext c) {
        if (tokens.isEmpty()) {
            c.put(CALLER, "anonymous");
            c.next();
            return;
        }
        String auth = c.request().getHeader("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        ApiToken match = given == null ? null : find(given);
        if (match == null) {
            c.response().putHeader("WWW-Authenticate", "Bearer realm=\"pxeflow\"");
            throw new ApiError(401, "unauthorized", auth == null ? "this call needs Authorization: Bearer <token>"
                : "the token was refused", null, null);
        }
        if (!match.mayChange() && !READS.contains(c.request().method())) {
            throw new ApiError(403, "forbidden", "the token '" + match.name()
                + "' may only read; changing the cluster needs an admin token", null, null);
        }
        c.put(CALLER, "token " + match.name());
        c.next();
    }

    /** Who made the request, for the command's "who": {@code token NAME}, or {@code anonymous}. */
    static String caller(RoutingContext c) {
        String who = c.get(CALLER);
        return who == null ? "anonymous" : who;
    }

    /** Every token is compared, so the time taken does not tell which one nearly matched. */
    private ApiToken find(String given) {
        byte[] g = given.getBytes(StandardCharsets.UTF_8);
        ApiToken found = null;
        for (ApiToken t : tokens) {
            if (MessageDigest.isEqual(g, t.value().getBytes(StandardCharsets.UTF_8))) {
                found = t;
            }
        }
        return found;
    }
}
