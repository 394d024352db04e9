package io.pxeflow.controller.runtime;

/**
 * What the resolver keeps of a DHCP or PXE record it holds: the raw value it will forward, which
 * input topic it came from, and its timestamp (the held record keeps it when it is released).
 */
record HeldInput(boolean dhcp, long timestamp, byte[] value) {
}
