package io.pxeflow.bridge.parse;

import io.pxeflow.bridge.path.TftpPathResolver;

/** Sends a hook call to the parser of the server that made it, told apart by its first argument. */
public final class HookParser {
    private final DnsmasqScriptEvent dnsmasq;
    private final KeaScriptEvent kea;

    public HookParser(String server, TftpPathResolver resolver) {
        this.dnsmasq = new DnsmasqScriptEvent(server, resolver);
        this.kea = new KeaScriptEvent(server);
    }

    public ParseResult parse(HookRecord call) {
        String first = call.arg(0);
        if (DnsmasqScriptEvent.handles(first)) {
            return dnsmasq.parse(call);
        }
        if (KeaScriptEvent.handles(first)) {
            return kea.parse(call);
        }
        return ParseResult.unparseable("hook-unknown-caller", String.join(" ", call.args()));
    }
}
