package io.pxeflow.protocol.message;

/**
 * What a node's own reporter writes on {@code heartbeats}, keyed by the node: its periodic
 * {@link Heartbeat}, and the one-shot {@link InstallReport} of an installer that finished. Compute
 * nodes write nothing else: the {@code commands} topic is the admins' (through the API).
 */
public sealed interface NodeReport extends Versioned permits Heartbeat, InstallReport {
    String node();

    String bootId();
}
