package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;
import javax.net.ssl.SSLParameters;

/**
 * The controller's REST API over {@link HttpURLConnection}. Every failure leaves as a
 * {@link CtlException} the admin can act on: unreachable (4), refused token (1), unknown node
 * with the server's did-you-mean (3); never a stack trace.
 *
 * <p>Not java.net.http (except for event streams, see {@link #stream}): its client starts a
 * selector thread and loads about 300 classes, which cost a third of {@code ctl nodes}' CPU on
 * every run; ctl sends one request at a time and needs none of that (docs/benchmarks.md).
 */
public final class ApiClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Over https the connect includes the TLS handshake, which a busy head node may take seconds over. */
    static final Duration TLS_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Mutations wait up to 10 s server-side (openapi: ?wait=); leave room for that. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** An import answers once its last command is applied, or after 30 s server-side: wait longer than that. */
    static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(75);

    static {
        // HttpURLConnection silently sends a POST again when a kept-alive connection fails before
        // the answer; a reprovision or an import must be sent once, and fail visibly.
        System.setProperty("sun.net.http.retryPost", "false");
    }

    private final String base;
    private final String token;
    /** PEM certificates an https controller must chain to, or null for the system's. */
    private final Path cacert;
    private javax.net.ssl.SSLSocketFactory trusted;

    public ApiClient(String base, String token) {
        this(base, token, null);
    }

    /** {@code cacert}: PEM certificates an https controller's certificate must chain to (null: the system's). */
    public ApiClient(String base, String token, Path cacert) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
        this.cacert = cacert;
    }

    public String base() {
        return base;
    }

    /** GET that must succeed; the body is returned as text for pass-through. */
    public ApiResponse get(String path) {
        return check(send("GET", path, "application/json", null, null, REQUEST_TIMEOUT));
    }

    /** GET of a text document (the exported inventory). */
    public ApiResponse getText(String path) {
        return check(send("GET", path, "text/plain", null, null, REQUEST_TIMEOUT));
    }

    public JsonNode getJson(String path) {
        return get(path).json();
    }

    /** POST with a JSON body (or none). */
    public ApiResponse post(String path, JsonNode body) {
        return check(send("POST", path, "application/json", "application/json", json(body), REQUEST_TIMEOUT));
    }

    /** POST of a document (an inventory import), with {@link #IMPORT_TIMEOUT}. */
    public ApiResponse postText(String path, String text) {
        return send("POST", path, "application/json", "text/plain; charset=utf-8", text, IMPORT_TIMEOUT);
    }

    public ApiResponse put(String path, JsonNode body) {
        return check(send("PUT", path, "application/json", "application/json", json(body), REQUEST_TIMEOUT));
    }

    public ApiResponse delete(String path) {
        return check(send("DELETE", path, "application/json", null, null, REQUEST_TIMEOUT));
    }

    /**
     * Opens a server-sent-event stream; the caller closes it, which also ends a read another
     * thread is blocked in. Answers only after the headers came.
     *
     * <p>Over java.net.http, unlike every other call: closing an {@link HttpURLConnection}'s
     * chunked stream waits for the lock a blocked read holds, so on a quiet stream
     * {@code reprovision --wait} could not end until the next event. Only the long-running
     * commands ({@code watch}, {@code --wait}) open a stream, so only they pay for that client.
     */
    public InputStream stream(String path) {
        // No request timeout: a quiet stream is normal; the connect timeout still applies.
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Accept", "text/event-stream");
        if (token != null) {
            b.header("Authorization", auth());
        }
        try {
            HttpResponse<InputStream> resp = StreamClient.of(base, cacert).send(b.GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
            if (resp.statusCode() != 200) {
                String body;
                try (InputStream in = resp.body()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                throw error(resp.statusCode(), body);
            }
            return resp.body();
        } catch (HttpConnectTimeoutException e) {
            throw unreachable((ConnectException) new ConnectException("timed out connecting").initCause(e));
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CtlException.failure("interrupted");
        }
    }

    /** The java.net.http client for event streams, built on first use. */
    private static final class StreamClient {
        private StreamClient() {
        }

        static HttpClient of(String base, Path cacert) {
            // HTTP/1.1 only: the default would try an h2c upgrade on every plain-http request.
            HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(base.startsWith("https:") ? TLS_CONNECT_TIMEOUT : CONNECT_TIMEOUT);
            if (base.startsWith("http:")) {
                // Without these the client initialises the default TLS context (providers, the
                // cacerts key store) for a plain-http URL that never uses it.
                builder.sslContext(PlainHttp.CONTEXT).sslParameters(new SSLParameters());
            } else if (cacert != null) {
                builder.sslContext(TrustedCa.context(cacert));
            }
            return builder.build();
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
        if (e instanceof ConnectException || e instanceof NoRouteToHostException || e instanceof UnknownHostException) {
            return new CtlException(ExitCode.UNREACHABLE, "cannot reach the pxeflow controller at " + base
                + ": is it running (`systemctl status pxeflow-controller`, or `bin/pxeflow up`)?");
        }
        if (e instanceof javax.net.ssl.SSLHandshakeException) {
            return new CtlException(ExitCode.UNREACHABLE, "cannot trust the controller's certificate at " + base
                + ": give its CA with --cacert FILE or PXEFLOW_CACERT (" + e.getMessage() + ")");
        }
        if (e instanceof SocketTimeoutException) {
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
            JsonNode root = JsonOut.read(body);
            return root == null ? null : root.get("error");
        } catch (IOException e) {
            return null;
        }
    }

    private String auth() {
        return "Bearer " + token;
    }

    private ApiResponse send(String method, String path, String accept, String contentType, String body, Duration timeout) {
        HttpURLConnection c = open(method, path, accept, timeout);
        try {
            if (body != null) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                c.setDoOutput(true);
                c.setRequestProperty("Content-Type", contentType);
                c.setFixedLengthStreamingMode(bytes.length);
                connect(c);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(bytes);
                }
            }
            int status = status(c);
            return new ApiResponse(status, body(c, status));
        } catch (IOException e) {
            c.disconnect();
            throw unreachable(e);
        }
    }

    private HttpURLConnection open(String method, String path, String accept, Duration readTimeout) {
        HttpURLConnection c;
        try {
            c = (HttpURLConnection) uri(path).toURL().openConnection();
            c.setRequestMethod(method);
        } catch (MalformedURLException | IllegalArgumentException | ClassCastException e) {
            throw CtlException.usage("not a valid controller URL: " + base);
        } catch (IOException e) {
            throw unreachable(e);
        }
        c.setInstanceFollowRedirects(false);
        c.setUseCaches(false);
        if (c instanceof javax.net.ssl.HttpsURLConnection https) {
            if (cacert != null) {
                if (trusted == null) {
                    trusted = TrustedCa.context(cacert).getSocketFactory();
                }
                https.setSSLSocketFactory(trusted);
            }
            c.setConnectTimeout((int) TLS_CONNECT_TIMEOUT.toMillis());
        } else {
            c.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
        }
        c.setReadTimeout((int) readTimeout.toMillis());
        c.setRequestProperty("Accept", accept);
        if (token != null) {
            c.setRequestProperty("Authorization", auth());
        }
        return c;
    }

    /** Connects, so that a connect timeout reads as "cannot reach" and a slow answer as "did not answer". */
    private static void connect(HttpURLConnection c) throws IOException {
        try {
            c.connect();
        } catch (SocketTimeoutException e) {
            throw (ConnectException) new ConnectException("timed out connecting").initCause(e);
        }
    }

    private static int status(HttpURLConnection c) throws IOException {
        connect(c);
        return c.getResponseCode();
    }

    /** The answer's body as text: the error stream for 4xx/5xx, empty when there is none. */
    private static String body(HttpURLConnection c, int status) throws IOException {
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URI uri(String path) {
        try {
            return URI.create(base + path);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage("not a valid controller URL: " + base);
        }
    }

    private static String json(JsonNode body) {
        return body == null ? "" : JsonOut.compact(body);
    }
}
