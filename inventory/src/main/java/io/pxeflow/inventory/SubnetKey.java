package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.Subnet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The settings of a {@code subnet} declaration, in the order the writer emits them. */
enum SubnetKey {
    ROUTER("router"),
    NEXT_SERVER("next-server"),
    DNS("dns"),
    DOMAIN("domain"),
    IPXE("ipxe");

    private final String keyword;

    SubnetKey(String keyword) {
        this.keyword = keyword;
    }

    String keyword() {
        return keyword;
    }

    static Optional<SubnetKey> of(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(keyword)).findFirst();
    }

    static String keywords() {
        return Arrays.stream(values()).map(SubnetKey::keyword).collect(Collectors.joining(", "));
    }

    /** Throws InvalidFieldException (naming the keyword) when the value may not be used. */
    void validate(String value) {
        switch (this) {
            case ROUTER, NEXT_SERVER -> Ipv4Address.parse(value);
            case DNS -> dns(value);
            case DOMAIN -> Fields.hostname(keyword, value);
            case IPXE -> Subnet.checkIpxe(value);
            default -> throw new IllegalStateException(name());
        }
    }

    static List<Ipv4Address> dns(String value) {
        List<Ipv4Address> out = new ArrayList<>();
        for (String s : value.split(",", -1)) {
            out.add(Ipv4Address.parse(s));
        }
        return out;
    }

    /** The value as the writer spells it. */
    String get(Subnet s) {
        return switch (this) {
            case ROUTER -> s.router() == null ? null : s.router().toString();
            case NEXT_SERVER -> s.nextServer() == null ? null : s.nextServer().toString();
            case DNS -> s.dns().isEmpty() ? null : s.dns().stream().map(Object::toString).collect(Collectors.joining(","));
            case DOMAIN -> s.domain();
            case IPXE -> s.ipxe();
        };
    }
}
