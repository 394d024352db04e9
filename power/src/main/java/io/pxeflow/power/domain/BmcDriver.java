package io.pxeflow.power.domain;

import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerState;

/** One BMC protocol (IPMI through ipmitool, Redfish over HTTPS). Each call is bounded by the driver's per-call timeout. */
public interface BmcDriver {
    /** The chassis power as the BMC reports it. */
    PowerState status(BmcTarget target) throws BmcException;

    /** Power on, off (hard), cycle (off, then on) or reset (hard). */
    void power(BmcTarget target, PowerAction action) throws BmcException;

    /** Boot from the network at the next boot only (IPMI {@code chassis bootdev pxe}, Redfish {@code Pxe}/{@code Once}). */
    void pxeOnce(BmcTarget target) throws BmcException;
}
