package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How pxeflow talks to a node's BMC: IPMI over LAN (`ipmitool -I lanplus`) or Redfish over HTTPS. */
public enum BmcProtocol implements Coded {
    IPMI("ipmi"),
    REDFISH("redfish"),
    UNKNOWN("unknown");

    private final String code;

    BmcProtocol(String code) {
        this.code = code;
    }

    @JsonValue
    @Override
    public String code() {
        return code;
    }

    @JsonCreator
    public static BmcProtocol fromCode(String code) {
        return Coded.fromCode(BmcProtocol.class, code, UNKNOWN);
    }
}
