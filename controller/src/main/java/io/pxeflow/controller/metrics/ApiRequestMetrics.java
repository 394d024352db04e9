package io.pxeflow.controller.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request as {@code pxeflow_http_request_duration_seconds{route,method,status}}.
 * Routes are templates, methods the standard ones and statuses the codes actually sent, so the
 * label set stays small whatever clients request.
 */
public final class ApiRequestMetrics {
    private static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");
    private final MeterRegistry registry;
    private final Router router;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private volatile RouteTemplates templates;

    public ApiRequestMetrics(MeterRegistry registry, Router router) {
        this.registry = registry;
        this.router = router;
    }

    /** Mount first, before any other route, so every request is timed. */
    public void mount() {
        router.route().order(-1000).handler(this::handle);
    }

    private void handle(RoutingContext c) {
        long start = System.nanoTime();
        String method = METHODS.contains(c.request().method().name()) ? c.request().method().name() : "other";
        String path = c.normalizedPath();
        c.addHeadersEndHandler(v -> record(route(path), method, c.response().getStatusCode(), System.nanoTime() - start));
        c.next();
    }

    private String route(String path) {
        RouteTemplates t = templates;
        if (t == null) {
            // Routes are all mounted by the time the first request ends.
            t = new RouteTemplates(router.getRoutes().stream().map(Route::getPath).toList());
            templates = t;
        }
        return t.match(path);
    }

    void record(String route, String method, int status, long nanos) {
        String code = status >= 100 && status < 600 ? Integer.toString(status) : "other";
        timers.computeIfAbsent(route + ' ' + method + ' ' + code, k -> Timer.builder("pxeflow.http.request.duration")
            .description("HTTP requests served, by route template, method and status")
            .tag("route", route).tag("method", method).tag("status", code).register(registry))
            .record(nanos, TimeUnit.NANOSECONDS);
    }
}
