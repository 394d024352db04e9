package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * One reprovisioned node followed to the end. Pure: fed events and polled node bodies, it says
 * whether the node is still on its way, up again, or boot-looping. "Up" only counts after a boot
 * was seen (a booting status, a reboot event, or a new boot id), because a node that was up
 * before the command is still up until it is power-cycled.
 */
final class NodeProgress {
    enum Outcome { WAITING, UP, BOOT_LOOP }

    static final Set<String> BOOTING = Set.of("dhcp", "netbooting", "booting");

    final String name;
    private String status;
    private String stage;
    private final String initialBootId;
    private boolean booted;

    NodeProgress(String name, JsonNode node) {
        this.name = name;
        this.status = JsonOut.text(node, "status");
        this.stage = JsonOut.text(node, "stage");
        this.initialBootId = JsonOut.text(node, "bootId");
    }

    String status() {
        return status == null ? "unknown" : status;
    }

    String stage() {
        return stage == null ? "-" : stage;
    }

    /** @return true when what the admin sees changed */
    boolean onEvent(JsonNode e) {
        if (!name.equals(JsonOut.text(e, "node"))) {
            return false;
        }
        String kind = String.valueOf(JsonOut.text(e, "kind"));
        String to = JsonOut.text(e, "to");
        String before = status() + stage();
        switch (kind) {
            case "status-changed" -> {
                if (to != null) {
                    status = to;
                    booted |= BOOTING.contains(to);
                }
            }
            case "stage-changed" -> stage = to != null ? to : stage;
            case "boot-loop" -> status = "boot-loop";
            case "rebooted" -> booted = true;
            default -> {
                // Other kinds (config applied, ...) do not move the node along its boot.
            }
        }
        return !before.equals(status() + stage());
    }

    /** The polling fallback: GET /api/v1/nodes/{name}. */
    boolean onPoll(JsonNode node) {
        String before = status() + stage();
        String s = JsonOut.text(node, "status");
        if (s != null) {
            status = s;
            booted |= BOOTING.contains(s);
        }
        String st = JsonOut.text(node, "stage");
        stage = st != null ? st : stage;
        String bootId = JsonOut.text(node, "bootId");
        booted |= bootId != null && initialBootId != null && !bootId.equals(initialBootId);
        return !before.equals(status() + stage());
    }

    Outcome outcome() {
        if ("boot-loop".equals(status)) {
            return Outcome.BOOT_LOOP;
        }
        return booted && "up".equals(status) ? Outcome.UP : Outcome.WAITING;
    }
}
