package io.pxeflow.controller.api;

import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.field.BootFiles;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /boot/ipxe?mac=MAC}: the live iPXE endpoint. The script it answers is the node's PXE
 * event, recorded on {@code pxe} before the answer leaves, so the stage flip trusts what was
 * actually answered; if it cannot be recorded the node gets a 503, not an unrecorded answer.
 */
final class IpxeRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(IpxeRoutes.class);

    private final Vertx vertx;
    private final ClusterView view;
    private final CommandPublisher publisher;
    private final String imageBase;

    IpxeRoutes(Vertx vertx, ClusterView view, CommandPublisher publisher, String imageBase) {
        this.vertx = vertx;
        this.view = view;
        this.publisher = publisher;
        this.imageBase = imageBase;
    }

    void mount(Router r) {
        r.get("/boot/ipxe").handler(this::answer);
    }

    private void answer(RoutingContext c) {
        String macText = c.request().getParam("mac");
        MacAddress mac;
        try {
            mac = MacAddress.of(macText);
        } catch (InvalidFieldException e) {
            throw ApiError.invalid("mac", e.getMessage());
        }
        NodeState node = view.nodes().stream().filter(s -> s.spec().macs().contains(mac)).findFirst().orElse(null);
        String script;
        String answer;
        if (node == null) {
            script = IpxeScripts.unknown(mac);
            answer = BootFiles.IPXE_ANSWER_UNKNOWN;
        } else {
            boolean netboot = IpxeScripts.netboots(node);
            script = IpxeScripts.forNode(node, imageBase);
            answer = netboot ? BootFiles.IPXE_ANSWER_NETBOOT : BootFiles.IPXE_ANSWER_LOCAL;
        }
        // The answer is the PXE event: record it before the node can act on it.
        PxeEvent served = new PxeEvent(PxeTransport.IPXE_ENDPOINT, PxeOutcome.SENT, mac, null, answer,
            (long) script.length(), "controller", Instant.now());
        Blocking.run(vertx, () -> {
            publisher.pxeServed(node == null ? null : node.name(), served);
            return null;
        }).onComplete(ar -> {
            if (ar.failed()) {
                LOG.warn("{}: iPXE answer not recorded, answering 503: {}", node == null ? mac : node.name(),
                    ar.cause().toString());
                ApiReplies.error(c, 503, "unavailable", "cannot record the PXE answer: Kafka unreachable", null, null);
            } else {
                ApiReplies.text(c, script);
            }
        });
    }
}
