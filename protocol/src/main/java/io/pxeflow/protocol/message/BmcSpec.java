package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Printable;

/**
 * A node's baseboard management controller: where it is, how to talk to it, and the NAME of the
 * credentials the power worker reads from its head node ({@code bmc.credentials-dir}/NAME, a
 * root-only file). The secret itself is never in a spec, so never in Kafka, the API or an export.
 *
 * <p>On a node every field may be given; on a class only {@code protocol} and {@code credentials}
 * (defaults for its nodes: an address belongs to one machine). Unset fields are null.
 *
 * @param address     host name or IPv4 address, optionally {@code :PORT} (IPMI 623, Redfish 443 by default)
 * @param protocol    {@code ipmi} (IPMI 2.0 over LAN) or {@code redfish} (HTTPS)
 * @param credentials the credentials file's name: letters, digits, '.', '_' and '-'
 */
public record BmcSpec(String address, BmcProtocol protocol, String credentials) {
    /** The protocol of a node whose BMC names none: every BMC of the last twenty years speaks IPMI. */
    public static final BmcProtocol DEFAULT_PROTOCOL = BmcProtocol.IPMI;
    /** The credentials file of a node whose BMC names none. */
    public static final String DEFAULT_CREDENTIALS = "default";

    public BmcSpec {
        if (address != null) {
            address(address);
        }
        if (protocol == BmcProtocol.UNKNOWN) {
            throw new InvalidFieldException("bmc.protocol", "must be ipmi or redfish");
        }
        if (credentials != null) {
            Fields.name("bmc.credentials", credentials);
        }
    }

    /** Checks a BMC address: {@code HOST} or {@code HOST:PORT}, HOST an RFC 1123 name or an IPv4 address. */
    public static String address(String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException("bmc.address", "missing");
        }
        int colon = value.lastIndexOf(':');
        String host = colon < 0 ? value : value.substring(0, colon);
        if (colon >= 0) {
            String port = value.substring(colon + 1);
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
                throw new InvalidFieldException("bmc.address", "port must be 1 to 65535: " + Printable.quote(value));
            }
        }
        if (!Ipv4Address.isValid(host) && !Fields.isHostname(host)) {
            throw new InvalidFieldException("bmc.address", "not a host name or IPv4 address (with an optional :port): "
                + Printable.quote(value));
        }
        return value;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return address == null && protocol == null && credentials == null;
    }

    /** The host part of the address. */
    @JsonIgnore
    public String host() {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    /** The port the address names, or {@code dflt} when it names none. */
    public int port(int dflt) {
        int colon = address.lastIndexOf(':');
        return colon < 0 ? dflt : Integer.parseInt(address.substring(colon + 1));
    }

    /** These fields where set, {@code defaults}' where not. */
    public BmcSpec over(BmcSpec defaults) {
        if (defaults == null) {
            return this;
        }
        return new BmcSpec(address != null ? address : defaults.address,
            protocol != null ? protocol : defaults.protocol,
            credentials != null ? credentials : defaults.credentials);
    }

    /** Complete with the defaults (ipmi, credentials "default"); null when there is no address to reach. */
    public BmcSpec resolved() {
        if (address == null) {
            return null;
        }
        return new BmcSpec(address, protocol != null ? protocol : DEFAULT_PROTOCOL,
            credentials != null ? credentials : DEFAULT_CREDENTIALS);
    }

    /** True when every field is set, as a power request needs. */
    @JsonIgnore
    public boolean complete() {
        return address != null && protocol != null && credentials != null;
    }

    /** {@code ipmi://10.55.0.15 (credentials rack1)}: how logs and errors name a BMC. */
    @Override
    public String toString() {
        return (protocol == null ? "?" : protocol.code()) + "://" + (address == null ? "?" : address)
            + (credentials == null ? "" : " (credentials " + credentials + ")");
    }
}
