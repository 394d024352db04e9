package io.pxeflow.simulator;

/** A synthetic node while it plays: its current boot and whether its reporter is sending. */
final class NodeRun {
    final SimNode node;
    String bootId;
    long seq;
    boolean beating;
    long nextBeat;
    int boots;

    NodeRun(SimNode node) {
        this.node = node;
    }

    String name() {
        return node.name();
    }
}
