package io.pxeflow.controller.runtime;

/**
 * Sent by the sequencer to the node processor: every input with a timestamp up to {@code millis}
 * has been released. Liveness is judged at this time, not the wall clock's, so a node whose
 * heartbeats are held behind a stalled watermark is not declared stale for it.
 */
record InputHorizon(long millis) {
}
