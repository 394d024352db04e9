package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A DHCP protocol message, or a lease change as dnsmasq's dhcp-script reports it. */
public enum DhcpMessageType implements Coded {
    DISCOVER("discover"),
    OFFER("offer"),
    REQUEST("request"),
    ACK("ack"),
    NAK("nak"),
    RELEASE("release"),
    DECLINE("decline"),
    INFORM("inform"),
    LEASE_ADD("lease-add"),
    LEASE_OLD("lease-old"),
    LEASE_DEL("lease-del"),
    UNKNOWN("unknown");

    private final String code;

    DhcpMessageType(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static DhcpMessageType fromCode(String code) {
        return Coded.fromCode(DhcpMessageType.class, code, UNKNOWN);
    }
}
