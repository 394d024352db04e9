package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.util.List;

/** A non-cluster device (switch, PDU, storage) that only wants a fixed address and names. */
public record HostReservation(MacAddress mac, Ipv4Address ip, List<String> names) implements ConfigRecord {
    public HostReservation {
        if (mac == null) {
            throw new InvalidFieldException("mac", "missing");
        }
        if (ip == null) {
            throw new InvalidFieldException("ip", "missing");
        }
        names = names == null ? List.of() : List.copyOf(names);
        names.forEach(n -> Fields.hostname("names", n));
    }

    @JsonIgnore
    @Override
    public String key() {
        return ConfigRecord.hostKey(mac);
    }
}
