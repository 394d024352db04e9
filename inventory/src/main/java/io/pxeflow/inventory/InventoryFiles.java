package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Ipv4Address;
import java.util.List;

/** Reads an inventory file in whichever of the two formats it is written. */
public final class InventoryFiles {
    /** The formats pxeflow imports. */
    public enum Format { CLUSTERWARE, NODES_FILE }

    private InventoryFiles() {
    }

    public static Inventory parse(String fileName, String text) {
        return switch (detect(text)) {
            case NODES_FILE -> NodesFileParser.parse(fileName, text);
            case CLUSTERWARE -> ScyldConfigParser.parse(fileName, text);
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
