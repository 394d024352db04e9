package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLParameters;

/**
 * The controller's REST API over java.net.http. Every failure leaves as a {@link CtlException}
 * the admin can act on: unreachable (4), refused token (1), unknown node with the server's
 * did-you-mean (3); never a stack trace.
 */
public final class ApiClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Over https the connect includes the TLS handshake, which a busy head node may take seconds over. */
    static final Duration TLS_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Mutations wait up to 10 s server-side (openapi: ?wait=); leave room for that. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** An import answers once its last command is applied, or after 30 s server-side: wait longer than that. */
    static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(75);

    private final String base;
    private final String token;
    private final HttpClient http;

    public ApiClient(String base, String token) {
        this(base, token, null);
    }

    /** {@code cacert}: PEM certificates an https controller's certificate must chain to (null: the system's). */
    public ApiClient(String base, String token, Path cacert) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        // HTTP/1.1 only: the default would try an h2c upgrade on every plain-http request.
        HttpClient.Builder builder = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(this.base.startsWith("https:") ? TLS_CONNECT_TIMEOUT : CONNECT_TIMEOUT);
        if (this.base.startsWith("http:")) {
            // Without these the client initialises the default TLS context (providers, the cacerts
            // key store): about a third of ctl's start-up, for a plain-http URL that never uses it.
            builder.sslContext(PlainHttp.CONTEXT).sslParameters(new SSLParameters());
        } else if (cacert != null) {
            builder.sslContext(TrustedCa.context(cacert));
        }
        this.http = builder.build();
    }

    public String base() {
        return base;
    }

    /** GET that must succeed; the body is returned as text for pass-through. */
    public ApiResponse get(String path) {
        return check(send(request(path).GET(), path));
    }

    /** GET of a text document (the exported inventory). */
    public ApiResponse getText(String path) {
        return check(send(request(path).setHeader("Accept", "text/plain"), path));
    }

    public JsonNode getJson(String path) {
        return get(path).json();
    }

    /** POST with a JSON body (or none). */
    public ApiResponse post(String path, JsonNode body) {
        return check(send(request(path).header("Content-Type", "application/json")
            .POST(bodyOf(body)), path));
    }

    /** POST of a document (an inventory import), with {@link #IMPORT_TIMEOUT}. */
    public ApiResponse postText(String path, String text) {
        return send(request(path).timeout(IMPORT_TIMEOUT).header("Content-Type", "text/plain; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)), path);
    }

    public ApiResponse put(String path, JsonNode body) {
        return check(send(request(path).header("Content-Type", "application/json")
            .PUT(bodyOf(body)), path));
    }

    public ApiResponse delete(String path) {
        return check(send(request(path).DELETE(), path));
    }

    /** Opens a server-sent-event stream; the caller closes it. Answers only after the headers came. */
    public InputStream stream(String path) {
        // No request timeout: a quiet stream is normal; the connect timeout still applies.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", auth());
        }
        HttpRequest req = b.GET().build();
        try {
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                String body;
                try (InputStream in = resp.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw error(resp.statusCode(), body);
            }
            return resp.body();
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CtlException.failure("interrupted");
        }
    }

    /** Throws for every non-2xx answer. */
    public ApiResponse check(ApiResponse resp) {
        if (resp.status() / 100 != 2) {
            throw error(resp.status(), resp.body());
        }
        return resp;
    }

    /** The error an answer means; public so the mapping is tested on its own. */
    public CtlException error(int status, String body) {
        JsonNode err = errorNode(body);
        String message = JsonOut.text(err, "message");
        String field = JsonOut.text(err, "field");
        String suggestion = JsonOut.text(err, "suggestion");
        return switch (status) {
            case 401 -> new CtlException(ExitCode.FAILURE, token == null
                ? "the controller needs a token: give --token-file FILE or PXEFLOW_TOKEN"
                : "the token was refused: check --token-file / PXEFLOW_TOKEN", true);
            case 403 -> new CtlException(ExitCode.FAILURE, (message == null ? "this token may not do that" : message)
                + " (--token-file with an admin token)", true);
            case 404 -> new CtlException(ExitCode.NOT_FOUND, notFound(message, suggestion));
            case 503 -> new CtlException(ExitCode.FAILURE, "the controller is not ready"
                + (message == null ? "" : ": " + message) + "; try again in a moment");
            default -> new CtlException(ExitCode.FAILURE, (message == null ? "the controller answered HTTP " + status
                : message) + (field == null || message != null && message.contains(field) ? "" : " (field " + field + ")"));
        };
    }

    /** The controller's message already names its suggestion; older ones only sent the field. */
    private static String notFound(String message, String suggestion) {
        String text = message == null ? "not found" : message;
        return suggestion == null || text.contains("did you mean") ? text : text + " (did you mean " + suggestion + "?)";
    }

    public CtlException unreachable(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof ConnectException) {
            return new CtlException(ExitCode.UNREACHABLE, "cannot reach the pxeflow controller at " + base
                + ": is it running (`systemctl status pxeflow-controller`, or `bin/pxeflow up`)?");
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return new CtlException(ExitCode.UNREACHABLE, "cannot trust the controller's certificate at " + base
                + ": give its CA with --cacert FILE or PXEFLOW_CACERT (" + e.getMessage() + ")");
        }
        if (e instanceof HttpTimeoutException) {
            return new CtlException(ExitCode.UNREACHABLE, "the pxeflow controller at " + base
                + " did not answer in time");
        }
        return new CtlException(ExitCode.UNREACHABLE, "lost the connection to the pxeflow controller at " + base
            + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }

    /** Path plus query, values URL-encoded, nulls left out. */
    public static String path(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((k, v) -> {
            if (v != null) {
                q.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** A node name as one path segment. */
    public static String segment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static JsonNode errorNode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode root = JsonOut.mapper().readTree(body);
            return root == null ? null : root.get("error");
        } catch (IOException e) {
            return null;
        }
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", auth());
        }
        return b;
    }

    private String auth() {
        return "Bearer " + token;
    }

    private URI uri(String path) {
        try {
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage("not a valid controller URL: " + base);
        }
    }

    private static HttpRequest.BodyPublisher bodyOf(JsonNode body) {
        return body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JsonOut.compact(body), StandardCharsets.UTF_8);
    }

    private ApiResponse send(HttpRequest.Builder req, String path) {
        try {
            HttpResponse<String> resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new ApiResponse(resp.statusCode(), resp.body());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CtlException.failure("interrupted");
        }
    }
}
