package io.pxeflow.inventory;

/** One field that differs between the current and the desired inventory; null is "not set". */
public record FieldChange(String field, String from, String to) {

    @Override
    public String toString() {
        return field + " " + show(from) + " -> " + show(to);
    }

    private static String show(String v) {
        return v == null ? "(unset)" : v;
    }
}
