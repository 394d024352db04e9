package io.pxeflow.bridge.path;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;

/**
 * A TFTP path read back: the path relative to the TFTP root (as the generator names files) and
 * the client it names if the name carries a MAC or a hex IP ({@link io.pxeflow.protocol.field.BootFiles}).
 */
public record BootFile(String path, MacAddress mac, Ipv4Address ip) {

    public boolean perNode() {
        return mac != null || ip != null;
    }
}
