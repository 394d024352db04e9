package io.pxeflow.bridge.path;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;

/**
 * A TFTP path read back: the path relative to the TFTP root (as the generator names files),
 * what kind of file it is, and the node it names if the name carries a MAC or a hex IP.
 * {@code perNode} is true when the name itself identifies the client.
 */
public record BootFile(String path, BootFileKind kind, MacAddress mac, Ipv4Address ip) {

    public boolean perNode() {
        return mac != null || ip != null;
    }
}
