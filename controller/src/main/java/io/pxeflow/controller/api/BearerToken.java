package io.pxeflow.controller.api;

import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The admin token every mutating call must carry ({@code Authorization: Bearer ...}); none configured, none asked. */
final class BearerToken {
    private final String token;

    BearerToken(String token) {
        this.token = token;
    }

    /** Throws a 401 {@link ApiError} unless the request carries the token (compared in constant time). */
    void require(RoutingContext c) {
        if (token == null) {
            return;
        }
        String auth = c.request().getHeader("Authorization");
        String given = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).trim() : "";
        if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(401, "unauthorized", auth == null ? "this call needs Authorization: Bearer <token>"
                : "the token was refused", null, null);
        }
    }
}
