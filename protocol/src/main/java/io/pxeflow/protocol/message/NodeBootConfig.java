package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Instant;
import java.util.List;

/**
 * Everything a generator needs to render one node, never a delta: its addresses, its effective
 * class (overrides applied), its stage, the wipe flag and a generation number that increases with
 * every publication, which generators acknowledge on {@code config-status}.
 */
public record NodeBootConfig(
        String node,
        int index,
        List<MacAddress> macs,
        Ipv4Address ip,
        BootSequence sequence,
        BootStage stage,
        ClassSpec bootClass,
        boolean wipe,
        long generation,
        Instant time) implements ConfigRecord {

    public NodeBootConfig {
        Fields.hostname("node", node);
        if (macs == null || macs.isEmpty()) {
            throw new InvalidFieldException("macs", "missing");
        }
        macs = List.copyOf(macs);
        if (stage == null || stage == BootStage.UNKNOWN) {
            throw new InvalidFieldException("stage", "must be pxe or local");
        }
        if (bootClass == null) {
            throw new InvalidFieldException("bootClass", "missing");
        }
        if (generation < 1) {
            throw new InvalidFieldException("generation", "must be positive");
        }
    }

    @JsonIgnore
    @Override
    public String key() {
        return node;
    }

    /** True when the node's next PXE request gets the class's kernel rather than "boot next". */
    @JsonIgnore
    public boolean netboots() {
        return stage == BootStage.PXE && bootClass.servesKernel();
    }
}
