package io.pxeflow.simulator.model;

import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.NodeStatus;

/** Where one node must be in the controller's state at a given moment. */
public record Expectation(String node, BootStage stage, NodeStatus status, String bootId, boolean wipe, long generation) {
}
