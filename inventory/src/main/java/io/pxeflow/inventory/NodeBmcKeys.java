package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;

/**
 * pxeflow's BMC keys on a node line, read one word at a time: {@code bmc=ADDRESS} (host or IPv4,
 * optional {@code :PORT}), {@code bmcprotocol=ipmi|redfish} and {@code bmccredentials=NAME} (the
 * file under the power worker's {@code bmc.credentials-dir}). Protocol and credentials default
 * to the node's class ({@code class NAME bmcprotocol|bmccredentials}), then to ipmi and
 * {@code default}; without {@code bmc=} a node has no BMC, so the other two alone are a mistake.
 */
final class NodeBmcKeys {
    static final String ADDRESS = "bmc=";
    static final String PROTOCOL = "bmcprotocol=";
    static final String CREDENTIALS = "bmccredentials=";
    static final String KEYS = "bmc=, bmcprotocol= or bmccredentials=";

    private String address;
    private BmcProtocol protocol;
    private String credentials;
    private boolean ok = true;

    static boolean isKey(String word) {
        return word.startsWith(ADDRESS) || word.startsWith(PROTOCOL) || word.startsWith(CREDENTIALS);
    }

    /** Throws InvalidFieldException naming {@code field} unless {@code value} is ipmi or redfish. */
    static BmcProtocol protocol(String field, String value) {
        BmcProtocol p = BmcProtocol.fromCode(value);
        if (p == BmcProtocol.UNKNOWN) {
            throw new InvalidFieldException(field, "must be ipmi or redfish: " + Printable.quote(value));
        }
        return p;
    }

    void read(ConfigDraft d, int line, String word) {
        int eq = word.indexOf('=');
        String key = word.substring(0, eq + 1);
        String value = word.substring(eq + 1);
        boolean given = switch (key) {
            case ADDRESS -> address != null;
            case PROTOCOL -> protocol != null;
            default -> credentials != null;
        };
        if (given) {
            d.problem(line, "node: " + key + " given twice");
            ok = false;
            return;
        }
        String field = key.substring(0, key.length() - 1);
        try {
            switch (key) {
                case ADDRESS -> address = BmcSpec.address(value);
                case PROTOCOL -> protocol = protocol(field, value);
                default -> credentials = Fields.name(field, value);
            }
        } catch (InvalidFieldException e) {
            d.problem(line, "node: " + field + "=: " + e.getMessage());
            ok = false;
        }
    }

    /** False when a key was wrong (the problem is recorded). */
    boolean ok() {
        return ok;
    }

    /** The node's own BMC settings, or null when the line gives none; a problem when they name no address. */
    BmcSpec spec(ConfigDraft d, int line) {
        if (address == null && (protocol != null || credentials != null)) {
            d.problem(line, "node: bmcprotocol= and bmccredentials= need bmc=ADDRESS (the BMC's host or IP)");
            ok = false;
        }
        if (!ok || address == null) {
            return null;
        }
        return new BmcSpec(address, protocol, credentials);
    }
}
