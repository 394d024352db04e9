package io.pxeflow.controller.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeState;
import java.time.Duration;
import java.time.Instant;

/** The API's JSON shape of a node (docs/openapi.yaml, schema Node): flat fields first for scripts. */
final class NodeJson {
    private static final ObjectMapper M = Json.mapper();

    private NodeJson() {
    }

    static ObjectNode of(NodeState s, ClusterView.HeartbeatSeen seen, Instant now) {
        return of(s, seen, now, false);
    }

    /** One node as {@code GET /api/v1/nodes/NAME} and every applied command answer it: with its last 20 events. */
    static ObjectNode detail(NodeState s, ClusterView view) {
        ObjectNode o = PowerJson.addTo(of(s, view.heartbeat(s.name()), Instant.now()), s, view.power(), false);
        o.set("events", M.valueToTree(view.events(s.name(), 20)));
        return o;
    }

    /**
     * @param brief only the flat fields, without the wire records ({@code spec}, {@code heartbeat})
     *              and {@code appliedBy}: what a table needs, about a third of the bytes
     */
    static ObjectNode of(NodeState s, ClusterView.HeartbeatSeen seen, Instant now, boolean brief) {
        ObjectNode o = M.createObjectNode();
        o.put("name", s.name());
        o.put("index", s.spec().index());
        if (s.spec().ip() != null) {
            o.put("ip", s.spec().ip().toString());
        } else if (s.leasedIp() != null) {
            o.put("ip", s.leasedIp().toString());
        }
        var macs = o.putArray("macs");
        s.spec().macs().forEach(m -> macs.add(m.value()));
        o.put("class", s.spec().bootClass().name());
        o.put("sequence", s.spec().sequence().code());
        o.put("stage", s.stage().code());
        o.put("status", s.status().code());
        if (s.statusSince() != null) {
            o.put("statusSince", s.statusSince().toString());
        }
        o.put("wipe", s.wipe());
        if (s.bootId() != null) {
            o.put("bootId", s.bootId());
        }
        Instant last = seen != null ? seen.received() : s.lastHeartbeat();
        if (last != null) {
            o.put("lastHeartbeat", last.toString());
            o.put("heartbeatAgeSeconds", Math.max(0, Duration.between(last, now).toMillis() / 1000.0));
        }
        if (seen != null) {
            Heartbeat hb = seen.heartbeat();
            if (hb.load1() != null) {
                o.put("load1", hb.load1());
            }
            if (hb.memTotalBytes() != null && hb.memAvailableBytes() != null) {
                o.put("memUsedBytes", hb.memTotalBytes() - hb.memAvailableBytes());
                o.put("memTotalBytes", hb.memTotalBytes());
            }
        }
        o.put("generation", s.generation());
        o.put("configApplied", s.configApplied());
        if (brief) {
            return o;
        }
        var applied = o.putObject("appliedBy");
        s.appliedBy().forEach(applied::put);
        o.set("spec", M.valueToTree(s.spec()));
        if (seen != null) {
            o.set("heartbeat", M.valueToTree(seen.heartbeat()));
        }
        return o;
    }
}
