package io.pxeflow.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** A cluster-wide difference: a class, a host, or a setting such as iprange. */
public record ClusterChange(Kind kind, String subject, List<FieldChange> fields) {
    /** Whether the subject appears, disappears or changes. */
    public enum Kind { ADDED, REMOVED, CHANGED }

    public ClusterChange {
        fields = List.copyOf(fields);
    }

    /** {@code + class memtest}, {@code - host pdu2}, {@code ~ class centos: kernelimage /a -> /b}. */
    public String render() {
        return switch (kind) {
            case ADDED -> "+ " + subject + details(" ");
            case REMOVED -> "- " + subject;
            case CHANGED -> "~ " + subject + details(": ");
        };
    }

    private String details(String separator) {
        if (fields.isEmpty()) {
            return "";
        }
        return separator + fields.stream()
            .map(f -> kind == Kind.ADDED ? f.field() + "=" + f.to() : f.toString())
            .collect(Collectors.joining(kind == Kind.ADDED ? " " : ", "));
    }
}
