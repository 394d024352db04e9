package io.pxeflow.simulator;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.List;

/** One synthetic node: its identity, its boot-sequence and what it will do. */
public record SimNode(String name, int index, MacAddress mac, Ipv4Address ip, BootSequence sequence, Behaviour behaviour) {
    public NodeSpec spec(ClassSpec bootClass) {
        return new NodeSpec(index, name, List.of(mac), ip, bootClass, null, sequence);
    }
}
