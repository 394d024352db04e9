package io.pxeflow.protocol;

import io.pxeflow.protocol.field.Fields;
import java.util.List;

/**
 * The topics pxeflow uses, under one configurable prefix (default {@code pxeflow.}). Node-keyed
 * topics share a partition count so that a node's inputs, state and outputs are co-partitioned.
 */
public record Topics(String prefix) {
    public static final String DEFAULT_PREFIX = "pxeflow.";

    public Topics {
        if (prefix == null) {
            prefix = DEFAULT_PREFIX;
        }
        if (!prefix.isEmpty() && !prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException("topic prefix may hold letters, digits, '.', '_' and '-' only: " + prefix);
        }
    }

    public static Topics defaults() {
        return new Topics(DEFAULT_PREFIX);
    }

    /** What is in a topic and how it is keyed. */
    public record Spec(String name, String key, boolean compacted, String carries) {
    }

    public String dhcp() {
        return prefix + "dhcp";
    }

    public String pxe() {
        return prefix + "pxe";
    }

    public String heartbeats() {
        return prefix + "heartbeats";
    }

    public String commands() {
        return prefix + "commands";
    }

    public String config() {
        return prefix + "config";
    }

    public String configStatus() {
        return prefix + "config-status";
    }

    public String events() {
        return prefix + "events";
    }

    public String nodes() {
        return prefix + "nodes";
    }

    public String deadletter() {
        return prefix + "deadletter";
    }

    public String discovered() {
        return prefix + "discovered";
    }

    public String inventory() {
        return prefix + "inventory";
    }

    /**
     * The MAC/IP → node index the controller publishes ({@code mac/<MAC>}, {@code ip/<IP>} → node
     * name) and bridges read, so that they key DHCP and PXE events by node.
     */
    public String addresses() {
        return prefix + "addresses";
    }

    /** Power requests, controller to power workers, keyed by node. */
    public String power() {
        return prefix + "power";
    }

    /** Power results, power workers to every controller's view, keyed by node; see {@link #power()}. */
    public String powerStatus() {
        return prefix + "power-status";
    }

    /** The Kafka Streams application id (and so the prefix of its internal topics). */
    public String controllerApplicationId() {
        return Fields.token("prefix", prefix + "controller").replace('/', '-');
    }

    public List<Spec> all() {
        return List.of(
            new Spec(dhcp(), "node name; mac/MAC for a client no node owns", false, "DhcpEvent"),
            new Spec(pxe(), "node name; mac/MAC (else ip/IP) for a client no node owns", false, "PxeEvent"),
            new Spec(heartbeats(), "node name", false, "NodeReport (Heartbeat | InstallReport)"),
            new Spec(commands(), "node name", false, "Command"),
            new Spec(config(), "node name, or host/MAC", true, "ConfigRecord (NodeBootConfig | HostReservation)"),
            new Spec(configStatus(), "node name", false, "ConfigApplied"),
            new Spec(events(), "node name, or MAC for unknown clients", false, "LifecycleEvent"),
            new Spec(nodes(), "node name", true, "NodeState"),
            new Spec(deadletter(), "source key", false, "DeadLetter"),
            new Spec(discovered(), "MAC", true, "DiscoveredMac"),
            new Spec(inventory(), "cluster", true, "ClusterInventory"),
            new Spec(addresses(), "mac/MAC or ip/IP", true, "node name (UTF-8 text)"),
            new Spec(power(), "node name", false, "PowerRequest"),
            new Spec(powerStatus(), "node name", false, "PowerResult"));
    }
}
