package io.pxeflow.bridge.parse;

import java.time.Instant;
import java.util.List;

/** A parser for one server's log lines. Not thread-safe: one tailer feeds one parser. */
public interface LineParser {

    /** The source name used in metrics and logs ({@code dnsmasq}, {@code dhcpd}, ...). */
    String source();

    ParseResult parse(String line);

    /**
     * Results held back waiting for a later line that did not come in time (tftpd-hpa logs the
     * request, and only a refusal afterwards). Called periodically by the daemon.
     */
    default List<ParseResult> expire(Instant now) {
        return List.of();
    }
}
