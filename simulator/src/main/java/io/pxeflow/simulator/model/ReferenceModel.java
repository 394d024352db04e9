package io.pxeflow.simulator.model;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where every simulated node must end up, driven by what the simulator told the controller.
 * The simulator's player thread mutates it; verification reads snapshots from another thread,
 * hence the locking.
 */
public final class ReferenceModel {
    private final ControllerPolicy policy;
    private final Map<String, ExpectedNode> nodes = new LinkedHashMap<>();
    private final Set<MacAddress> unknownMacs = new TreeSet<>();

    public ReferenceModel(ControllerPolicy policy) {
        this.policy = policy;
    }

    public synchronized void registered(String node, BootSequence sequence) {
        nodes.put(node, new ExpectedNode(node, sequence, policy));
    }

    public synchronized void removed(String node) {
        nodes.remove(node);
    }

    public synchronized void dhcpDiscover(String node) {
        node(node).dhcpDiscover();
    }

    public synchronized void dhcpRequest(String node) {
        node(node).dhcpRequest();
    }

    public synchronized void dhcpRelease(String node) {
        node(node).dhcpRelease();
    }

    /** Returns true when the answer was the installer (netboot), false for "boot next". */
    public synchronized boolean pxeAnswered(String node) {
        return node(node).pxeAnswered();
    }

    public synchronized void imageServed(String node) {
        node(node).imageServed();
    }

    public synchronized void heartbeat(String node, String bootId, int intervalSeconds, Instant at) {
        node(node).heartbeat(bootId, intervalSeconds, at);
    }

    public synchronized void reprovision(String node, boolean wipe) {
        node(node).reprovision(wipe);
    }

    /** The node's installer reported completion from boot {@code bootId}. */
    public synchronized void installComplete(String node, String bootId) {
        node(node).installComplete(bootId);
    }

    /** An admin reported the install complete. */
    public synchronized void installCompleteByAdmin(String node) {
        node(node).installComplete();
    }

    public synchronized void unknownMac(MacAddress mac) {
        unknownMacs.add(mac);
    }

    public synchronized BootStage stage(String node) {
        return node(node).stage();
    }

    public synchronized long generation(String node) {
        return node(node).generation();
    }

    public synchronized boolean has(String node) {
        return nodes.containsKey(node);
    }

    public synchronized int size() {
        return nodes.size();
    }

    /** Every node's expectation judged at {@code now}, in registration order. */
    public synchronized List<Expectation> expectations(Instant now) {
        return nodes.values().stream().map(n -> n.at(now)).toList();
    }

    public synchronized Set<MacAddress> unknownMacs() {
        return Set.copyOf(unknownMacs);
    }

    private ExpectedNode node(String name) {
        ExpectedNode n = nodes.get(name);
        if (n == null) {
            throw new IllegalStateException("the simulator played unregistered node " + name);
        }
        return n;
    }
}
