package io.pxeflow.ctl;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * The training run bin/ctl uses to build ctl's class-data-sharing archive
 * ({@code -XX:ArchiveClassesAtExit}, JDK 17): the everyday commands run once against a tiny
 * loopback server, so the archive holds the classes {@code ctl nodes} needs (picocli, Jackson,
 * the HTTP client) whatever the first real command happens to be. Not a user command.
 */
public final class CdsTraining {
    private static final String NODE = "{\"name\":\"node15\",\"index\":15,\"ip\":\"10.54.50.115\","
        + "\"macs\":[\"00:a0:d1:e5:c4:6e\"],\"class\":\"centos\",\"sequence\":\"pxe+local\",\"stage\":\"local\","
        + "\"status\":\"up\",\"statusSince\":\"2025-06-01T11:00:00Z\",\"wipe\":false,\"bootId\":\"b\","
        + "\"lastHeartbeat\":\"2025-06-01T11:59:58Z\",\"heartbeatAgeSeconds\":2.1,\"load1\":0.5,"
        + "\"memUsedBytes\":13207024435,\"memTotalBytes\":68719476736,\"generation\":3,\"configApplied\":true}";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        Map<String, String> routes = Map.of(
            "/api/v1/nodes", "{\"nodes\":[" + NODE + "]}",
            "/api/v1/nodes/node15", NODE,
            "/api/v1/nodes/node15/events", "{\"events\":[{\"node\":\"node15\",\"kind\":\"status-changed\","
                + "\"from\":\"booting\",\"to\":\"up\",\"time\":\"2025-06-01T11:00:00Z\"}]}",
            "/api/v1/info", "{\"version\":\"training\",\"nodes\":1,\"ready\":true}");
        server.createContext("/", exchange -> {
            String body = routes.getOrDefault(exchange.getRequestURI().getPath(),
                "{\"error\":{\"code\":\"not_found\",\"message\":\"no node named x\",\"suggestion\":\"node15\"}}");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(routes.containsKey(exchange.getRequestURI().getPath()) ? 200 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        PrintWriter sink = new PrintWriter(new StringWriter());
        Context ctx = new Context(sink, sink, Map.of("PXEFLOW_URL", url), Clock.systemUTC(), ZoneId.systemDefault(),
            false, Path.of("").toAbsolutePath());
        for (String[] cmd : new String[][] {{"nodes"}, {"nodes", "-o", "wide"}, {"nodes", "-o", "json"},
            {"status", "node15"}, {"status", "nodex"}, {"version"}}) {
            CtlMain.run(ctx, cmd);
        }
        server.stop(0);
    }
}
