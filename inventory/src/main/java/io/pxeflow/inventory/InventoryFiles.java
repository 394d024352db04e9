package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.ClusterInventory;
import java.util.List;

/** Reads an inventory file in whichever of the two formats it is written. */
public final class InventoryFiles {
    /** The formats pxeflow imports. */
    public enum Format { CLUSTERWARE, NODES_FILE }

    private InventoryFiles() {
    }

    /** Parses without a head node's interfaces or a current network (tests, and files that need neither). */
    public static Inventory parse(String fileName, String text) {
        return parse(fileName, text, HostInterfaces.NONE, ClusterInventory.empty());
    }

    /**
     * Parses as an import does: {@code interface IFACE} is read from {@code interfaces}, and a nodes
     * file (which cannot declare a network) keeps {@code current}'s.
     */
    public static Inventory parse(String fileName, String text, HostInterfaces interfaces, ClusterInventory current) {
        return switch (detect(text)) {
            case NODES_FILE -> NodesFileParser.parse(fileName, text, current);
            case CLUSTERWARE -> ScyldConfigParser.parse(fileName, text, interfaces);
        };
    }

    /** A nodes file's lines start with an IPv4 address; no ClusterWare directive does. */
    public static Format detect(String text) {
        List<ConfigLine> lines = ConfigLines.split(text == null ? "" : text);
        if (!lines.isEmpty() && Ipv4Address.isValid(lines.get(0).keyword())) {
            return Format.NODES_FILE;
        }
        return Format.CLUSTERWARE;
    }
}
