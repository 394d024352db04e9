package io.pxeflow.controller.runtime;

import io.pxeflow.controller.domain.NodeInput;

/** A decoded input on its way to the sequencer, with the bytes it keeps if it has to hold it durably. */
record Arrival(InputKind kind, NodeInput input, byte[] raw) {
}
