package io.pxeflow.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** A node in both inventories whose own settings differ. */
public record NodeChange(NodeEntry from, NodeEntry to, List<FieldChange> fields) {

    public NodeChange {
        fields = List.copyOf(fields);
    }

    public String node() {
        return to.name();
    }

    @Override
    public String toString() {
        return node() + ": " + fields.stream().map(FieldChange::toString).collect(Collectors.joining(", "));
    }
}
