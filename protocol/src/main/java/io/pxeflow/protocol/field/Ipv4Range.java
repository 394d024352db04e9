package io.pxeflow.protocol.field;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An inclusive range of IPv4 addresses, written {@code first last} as ClusterWare's iprange. */
public record Ipv4Range(Ipv4Address first, Ipv4Address last) {

    public Ipv4Range {
        if (first == null || last == null) {
            throw new InvalidFieldException("range", "needs a first and a last address");
        }
        if (first.compareTo(last) > 0) {
            throw new InvalidFieldException("range", first + " comes after " + last);
        }
    }

    @JsonCreator
    public static Ipv4Range parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("[\\s-]+");
        if (parts.length != 2) {
            throw new InvalidFieldException("range", "expected 'FIRST LAST': " + Printable.quote(text));
        }
        return new Ipv4Range(Ipv4Address.parse(parts[0]), Ipv4Address.parse(parts[1]));
    }

    public boolean contains(Ipv4Address a) {
        return first.compareTo(a) <= 0 && a.compareTo(last) <= 0;
    }

    public boolean overlaps(Ipv4Range o) {
        return first.compareTo(o.last) <= 0 && o.first.compareTo(last) <= 0;
    }

    public long size() {
        return last.unsigned() - first.unsigned() + 1;
    }

    /** The {@code index}-th address (0 is the first), as ClusterWare numbers nodes into an iprange; empty past its end. */
    public java.util.Optional<Ipv4Address> at(int index) {
        return index < 0 || index >= size() ? java.util.Optional.empty() : java.util.Optional.of(first.plus(index));
    }

    @JsonValue
    @Override
    public String toString() {
        return first + " " + last;
    }
}
