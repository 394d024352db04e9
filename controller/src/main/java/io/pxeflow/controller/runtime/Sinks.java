package io.pxeflow.controller.runtime;

/** Names of the topology's nodes, shared by the builder and the processors that forward to them. */
final class Sinks {
    static final String NODES = "nodes-sink";
    static final String CONFIG = "config-sink";
    static final String EVENTS = "events-sink";
    static final String ADDRESSES = "addresses-sink";
    static final String DEADLETTER = "deadletter-sink";
    static final String DISCOVERED = "discovered-sink";
    static final String DISCOVERY_EVENTS = "discovery-events-sink";
    static final String INVENTORY_DEADLETTER = "inventory-deadletter-sink";
    static final String NODE_STORE = "node-store";
    static final String DISCOVERED_STORE = "discovered-store";

    private Sinks() {
    }
}
