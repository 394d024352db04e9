package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;

/**
 * What one input line (or one hook call) meant. Parsers never throw on input: a line they
 * cannot read is {@link Unparseable}, counted and logged once per kind by the daemon.
 */
public sealed interface ParseResult {

    /** A DHCP event for {@code pxeflow.dhcp}. */
    record Dhcp(DhcpEvent event) implements ParseResult {
    }

    /** A boot file served (or refused) for {@code pxeflow.pxe}. */
    record Pxe(PxeEvent event) implements ParseResult {
    }

    /** Recognised but not an event (startup banners, option dumps, DNS lines, ...). */
    record Ignored(String reason) implements ParseResult {
    }

    /**
     * Looked like something we should understand but did not parse. {@code kind} is a short,
     * stable label (a metric tag and the key of the "log once" rule), {@code line} the input.
     */
    record Unparseable(String kind, String line) implements ParseResult {
    }

    static ParseResult ignored(String reason) {
        return new Ignored(reason);
    }

    static ParseResult unparseable(String kind, String line) {
        return new Unparseable(kind, line);
    }
}
