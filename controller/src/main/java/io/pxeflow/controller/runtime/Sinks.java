package io.pxeflow.controller.runtime;

/** Names of the topology's nodes, shared by the builder and the processors that forward to them. */
final class Sinks {
    static final String NODES = "nodes-sink";
    static final String CONFIG = "config-sink";
    static final String EVENTS = "events-sink";
    static final String ADDRESSES = "addresses-sink";
    static final String DEADLETTER = "deadletter-sink";
    static final String NODE_EVENTS = "node-events-sink";
    static final String DISCOVERED = "discovered-sink";
    static final String RESOLVER_EVENTS = "resolver-events-sink";
    static final String RESOLVER_DEADLETTER = "resolver-deadletter-sink";
    static final String INVENTORY_DEADLETTER = "inventory-deadletter-sink";
    static final String NODE_STORE = "node-store";
    static final String DISCOVERED_STORE = "discovered-store";
    static final String ADDRESS_STORE = "address-index";
    static final String HELD_STORE = "held-inputs-store";
    static final String SEQUENCED_STORE = "sequenced-inputs-store";

    private Sinks() {
    }
}
