package io.pxeflow.power.bmc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.power.domain.BmcDriver;
import io.pxeflow.power.domain.BmcException;
import io.pxeflow.power.domain.BmcTarget;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerState;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Redfish over HTTPS with the JDK's HTTP client (what ctl uses too; the worker has no Vert.x).
 * The node's computer system is the BMC's only member of {@code /redfish/v1/Systems} (found once
 * per BMC); power is its {@code #ComputerSystem.Reset} action with a reset type the BMC lists as
 * allowed, PXE-once a PATCH of {@code Boot} ({@code BootSourceOverrideTarget=Pxe},
 * {@code BootSourceOverrideEnabled=Once}). HTTP basic authentication on every call (no session
 * to leak or expire).
 */
public final class RedfishDriver implements BmcDriver {
    public static final int DEFAULT_PORT = 443;
    private static final ObjectMapper M = Json.mapper();
    private static final String RESET = "#ComputerSystem.Reset";

    private final HttpClient http;
    private final Duration timeout;
    /** BMC address to its system's path: a BMC's one system does not move. */
    private final Map<String, String> systems = new ConcurrentHashMap<>();

    public RedfishDriver(SSLContext tls, Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
            .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public PowerState status(BmcTarget target) throws BmcException {
        JsonNode system = get(target, system(target)).json;
        return switch (system.path("PowerState").asText("")) {
            case "On", "PoweringOn", "Paused" -> PowerState.ON;
            case "Off", "PoweringOff" -> PowerState.OFF;
            default -> PowerState.UNKNOWN;
        };
    }

    @Override
    public void power(BmcTarget target, PowerAction action) throws BmcException {
        String path = system(target);
        JsonNode reset = get(target, path).json.path("Actions").path(RESET);
        if (reset.isMissingNode() || !reset.hasNonNull("target")) {
            throw new BmcException(PowerFailure.UNSUPPORTED, target.describe() + " offers no " + RESET + " action");
        }
        String type = resetType(target, action, allowed(reset.path("ResetType@Redfish.AllowableValues")));
        ObjectNode body = M.createObjectNode().put("ResetType", type);
        String to = reset.get("target").asText();
        check(target, send(target, "POST", to, body, null), "POST " + to + " " + body);
    }

    /** The reset type for an action, the first the BMC allows of pxeflow's preferences (any, when it lists none). */
    static String resetType(BmcTarget target, PowerAction action, List<String> allowed) throws BmcException {
        List<String> wanted = switch (action) {
            case ON -> List.of("On", "ForceOn");
            case OFF -> List.of("ForceOff");
            case CYCLE -> List.of("PowerCycle", "ForceRestart");
            case RESET -> List.of("ForceRestart");
            default -> List.of();
        };
        for (String w : wanted) {
            if (allowed.isEmpty() || allowed.contains(w)) {
                return w;
            }
        }
        throw new BmcException(PowerFailure.UNSUPPORTED, target.describe() + " allows no reset type for "
            + action.code() + " (wanted one of " + wanted + ", it allows " + allowed + ")");
    }

    @Override
    public void pxeOnce(BmcTarget target) throws BmcException {
        String path = system(target);
        Reply system = get(target, path);
        List<String> targets = allowed(system.json.path("Boot").path("BootSourceOverrideTarget@Redfish.AllowableValues"));
        if (!targets.isEmpty() && !targets.contains("Pxe")) {
            throw new BmcException(PowerFailure.UNSUPPORTED, target.describe() + " cannot boot from PXE once "
                + "(its boot override targets: " + targets + ")");
        }
        ObjectNode body = M.createObjectNode();
        body.putObject("Boot").put("BootSourceOverrideTarget", "Pxe").put("BootSourceOverrideEnabled", "Once");
        HttpResponse<String> r = send(target, "PATCH", path, body, null);
        if (r.statusCode() == 412 || r.statusCode() == 428) {
            // Some BMCs insist on If-Match with the resource's ETag.
            r = send(target, "PATCH", path, body, system.etag == null ? "*" : system.etag);
        }
        check(target, r, "PATCH " + path + " " + body);
    }

    /** The path of the BMC's computer system, asked once per BMC. */
    private String system(BmcTarget target) throws BmcException {
        String known = systems.get(target.bmc().address());
        if (known != null) {
            return known;
        }
        JsonNode members = get(target, "/redfish/v1/Systems").json.path("Members");
        List<String> ids = new ArrayList<>();
        members.forEach(m -> ids.add(m.path("@odata.id").asText()));
        if (ids.size() != 1) {
            throw new BmcException(PowerFailure.UNSUPPORTED, target.describe() + " manages " + ids.size()
                + " computer systems " + ids + "; pxeflow drives BMCs of one system");
        }
        systems.put(target.bmc().address(), ids.get(0));
        return ids.get(0);
    }

    private static List<String> allowed(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asText()));
        return out;
    }

    private record Reply(JsonNode json, String etag) {
    }

    private Reply get(BmcTarget target, String path) throws BmcException {
        HttpResponse<String> r = exchange(target, request(target, path).GET(), "GET " + path);
        check(target, r, "GET " + path);
        try {
            JsonNode json = M.readTree(r.body());
            return new Reply(json == null ? M.createObjectNode() : json, r.headers().firstValue("ETag").orElse(null));
        } catch (IOException e) {
            throw new BmcException(PowerFailure.BMC_ERROR, target.describe() + ": GET " + path + " is not JSON");
        }
    }

    private HttpResponse<String> send(BmcTarget target, String method, String path, JsonNode body, String ifMatch)
            throws BmcException {
        HttpRequest.Builder b = request(target, path).header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return exchange(target, b, method + " " + path);
    }

    private HttpRequest.Builder request(BmcTarget target, String path) throws BmcException {
        URI uri;
        try {
            uri = URI.create("https://" + target.bmc().host() + ":" + target.bmc().port(DEFAULT_PORT) + path);
        } catch (IllegalArgumentException e) {
            throw new BmcException(PowerFailure.BMC_ERROR, target.describe() + ": bad path " + path);
        }
        String basic = Base64.getEncoder().encodeToString((target.login().username() + ":" + target.login().password())
            .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
            .header("OData-Version", "4.0").header("Authorization", "Basic " + basic);
    }

    private HttpResponse<String> exchange(BmcTarget target, HttpRequest.Builder req, String what) throws BmcException {
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new BmcException(PowerFailure.TIMEOUT, target.describe() + " did not accept a connection within "
                + timeout.toSeconds() + " s (" + what + ")");
        } catch (HttpTimeoutException e) {
            throw new BmcException(PowerFailure.TIMEOUT, target.describe() + " did not answer within "
                + timeout.toSeconds() + " s (" + what + ")");
        } catch (SSLHandshakeException e) {
            throw new BmcException(PowerFailure.TLS, target.describe() + ": its TLS certificate is not trusted ("
                + rootMessage(e) + "); set redfish.ca-file to the CA that signed it (or, for a lab, redfish.insecure=true)");
        } catch (SSLException e) {
            throw new BmcException(PowerFailure.TLS, target.describe() + ": TLS failed: " + rootMessage(e));
        } catch (ConnectException e) {
            throw new BmcException(PowerFailure.UNREACHABLE, target.describe() + ": connection refused or no route ("
                + what + ")");
        } catch (IOException e) {
            throw new BmcException(PowerFailure.UNREACHABLE, target.describe() + ": " + rootMessage(e) + " (" + what + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BmcException(PowerFailure.TIMEOUT, target.describe() + ": interrupted (the worker is stopping)");
        }
    }

    private static void check(BmcTarget target, HttpResponse<String> r, String what) throws BmcException {
        int s = r.statusCode();
        if (s / 100 == 2) {
            return;
        }
        String message = redfishMessage(r.body());
        String text = target.describe() + ": " + what + " answered HTTP " + s + (message == null ? "" : ": " + message);
        if (s == 401 || s == 403) {
            throw new BmcException(PowerFailure.AUTH, target.describe() + " refused user " + target.login().username()
                + " (HTTP " + s + "): wrong user name or password in credentials " + target.bmc().credentials());
        }
        if (s == 404 || s == 405 || s == 501) {
            throw new BmcException(PowerFailure.UNSUPPORTED, text);
        }
        throw new BmcException(PowerFailure.BMC_ERROR, text);
    }

    /** The message of a Redfish error body ({@code error.message}, or its first extended info). */
    private static String redfishMessage(String body) {
        try {
            JsonNode err = M.readTree(body).path("error");
            JsonNode info = err.path("@Message.ExtendedInfo");
            if (info.isArray() && info.size() > 0 && info.get(0).hasNonNull("Message")) {
                return info.get(0).get("Message").asText();
            }
            return err.hasNonNull("message") ? err.get("message").asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
