package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.util.List;

/**
 * What the admin declared about a node: its index and name, its MACs, its address, its class
 * (carried by value, so every record about the node is complete), its boot-sequence and its BMC
 * (null when it has none; see {@link #effectiveBmc()} for the class's defaults).
 */
public record NodeSpec(
        int index,
        String name,
        List<MacAddress> macs,
        Ipv4Address ip,
        ClassSpec bootClass,
        BootOverride override,
        BootSequence sequence,
        BmcSpec bmc) {

    public NodeSpec {
        if (index < 0) {
            throw new InvalidFieldException("index", "must not be negative: " + index);
        }
        Fields.hostname("name", name);
        if (macs == null || macs.isEmpty()) {
            throw new InvalidFieldException("macs", "a node needs at least one MAC");
        }
        if (macs.stream().distinct().count() != macs.size()) {
            throw new InvalidFieldException("macs", "the same MAC is listed twice");
        }
        macs = List.copyOf(macs);
        if (bootClass == null) {
            bootClass = ClassSpec.named(ClassSpec.DEFAULT_NAME);
        }
        if (override != null && override.isEmpty()) {
            override = null;
        }
        if (sequence == null) {
            // ClusterWare's default, and what an inventory "node" line without one gets: a node
            // that boots from the network every time until told otherwise.
            sequence = BootSequence.PXE;
        }
        if (sequence == BootSequence.UNKNOWN) {
            throw new InvalidFieldException("sequence", "must be pxe+local, pxe or local");
        }
        if (bmc != null && bmc.isEmpty()) {
            bmc = null;
        }
    }

    /** A node without a BMC of its own. */
    public NodeSpec(int index, String name, List<MacAddress> macs, Ipv4Address ip, ClassSpec bootClass,
                    BootOverride override, BootSequence sequence) {
        this(index, name, macs, ip, bootClass, override, sequence, null);
    }

    /** The class as this node gets it, per-node overrides applied. */
    public ClassSpec effectiveClass() {
        return bootClass.overriddenBy(override);
    }

    /**
     * The BMC power requests go to: the node's own settings over its class's defaults, completed
     * with pxeflow's (ipmi, credentials "default"); null when the node has no BMC address.
     */
    public BmcSpec effectiveBmc() {
        return bmc == null ? null : bmc.over(bootClass.bmc()).resolved();
    }

    public NodeSpec withClass(ClassSpec c) {
        return new NodeSpec(index, name, macs, ip, c, override, sequence, bmc);
    }

    public NodeSpec withBmc(BmcSpec b) {
        return new NodeSpec(index, name, macs, ip, bootClass, override, sequence, b);
    }
}
