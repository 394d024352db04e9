package io.pxeflow.inventory;

import io.pxeflow.protocol.message.ClusterInventory;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The admin's whole cluster as one file declares it: the cluster-wide part and every node.
 * Nodes are kept in index order so that two inventories of the same cluster are equal however
 * their files were ordered.
 *
 * @param warnings lines of the source file that were accepted but have no effect in pxeflow
 *                 (ClusterWare directives such as {@code interface}); empty when built in code
 */
public record Inventory(ClusterInventory cluster, List<NodeEntry> nodes, List<Problem> warnings) {

    public Inventory {
        Objects.requireNonNull(cluster, "cluster");
        nodes = nodes == null ? List.of()
            : nodes.stream().sorted(Comparator.comparingInt(NodeEntry::index).thenComparing(NodeEntry::name)).toList();
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Inventory(ClusterInventory cluster, List<NodeEntry> nodes) {
        this(cluster, nodes, List.of());
    }

    public Optional<NodeEntry> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** The same inventory without the parse warnings, for comparing what two files declare. */
    public Inventory withoutWarnings() {
        return new Inventory(cluster, nodes, List.of());
    }
}
