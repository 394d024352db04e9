package io.pxeflow.bridge.parse;

import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.PxeOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tftpd-hpa ({@code in.tftpd -v}) logs {@code RRQ from IP filename F} when a request arrives
 * and, if it refuses, {@code sending NAK (1, File not found) to IP} from the same forked child
 * (same pid) right after. It never logs a completed transfer. So a request is held back per pid
 * for a short window: a NAK from that pid turns it into NOT_FOUND/FAILED; otherwise, once the
 * window passes (or the pid logs another request), it is reported as SENT, meaning "accepted
 * and not refused", the best tftpd-hpa can tell.
 */
public final class TftpdHpaParser implements LineParser {
    private static final Pattern PROGRAMS = Pattern.compile("in\\.tftpd|tftpd");
    private static final Pattern RRQ = Pattern.compile("^RRQ from (\\S+) filename (.+?)(?: remapped to (.+))?$");
    private static final Pattern NAK = Pattern.compile("^sending NAK \\((\\d+), ([^)]*)\\) to (\\S+)$");
    private static final int MAX_PENDING = 4096;

    /** One request; {@code outcome} is set by a NAK, else it becomes SENT when its window passes. */
    private static final class Pending {
        final String raw;
        final Ipv4Address client;
        final String path;
        final Instant time;
        final Instant seen;
        PxeOutcome outcome;

        Pending(String raw, Ipv4Address client, String path, Instant time, Instant seen) {
            this.raw = raw;
            this.client = client;
            this.path = path;
            this.time = time;
            this.seen = seen;
        }
    }

    private final String server;
    private final TftpPathResolver resolver;
    private final Clock clock;
    private final ZoneId zone;
    private final Duration window;
    /** Requests in arrival order: results leave in that order, so a client's events stay ordered. */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    /** The unresolved request of each tftpd child. */
    private final Map<String, Pending> byPid = new HashMap<>();

    public TftpdHpaParser(String server, TftpPathResolver resolver, Clock clock, ZoneId zone, Duration window) {
        this.server = server;
        this.resolver = resolver;
        this.clock = clock;
        this.zone = zone;
        this.window = window;
    }

    @Override
    public String source() {
        return "tftpd";
    }

    @Override
    public ParseResult parse(String raw) {
        SyslogLine.Split split = SyslogLine.split(raw, PROGRAMS, clock, zone);
        if (split instanceof SyslogLine.OtherProgram other) {
            return ParseResult.ignored("program " + other.program());
        }
        SyslogLine line = ((SyslogLine.Ours) split).line();
        String msg = line.message().strip();
        String pid = line.pid() == null ? "" : line.pid();
        Matcher m;
        if ((m = RRQ.matcher(msg)).matches()) {
            Ipv4Address client = Values.ip(m.group(1));
            if (client == null) {
                return ParseResult.unparseable("tftpd-rrq-client", raw);
            }
            // The file actually opened is the remapped name when a remap rule applied.
            String path = m.group(3) != null ? m.group(3) : m.group(2);
            Pending previous = byPid.remove(pid);
            if (previous != null) {
                // A pid logs one request per child; a second one means the first was served.
                previous.outcome = PxeOutcome.SENT;
            }
            Pending p = new Pending(raw, client, path, line.time(), clock.instant());
            queue.addLast(p);
            byPid.put(pid, p);
            if (queue.size() > MAX_PENDING) {
                Pending oldest = queue.peekFirst();
                oldest.outcome = oldest.outcome == null ? PxeOutcome.SENT : oldest.outcome;
            }
            return ParseResult.ignored("awaiting outcome");
        }
        if ((m = NAK.matcher(msg)).matches()) {
            Pending p = byPid.remove(pid);
            PxeOutcome outcome = "1".equals(m.group(1)) ? PxeOutcome.NOT_FOUND : PxeOutcome.FAILED;
            if (p == null) {
                // The request line was before our start position or out of the window: who, not what.
                return Events.tftp("tftpd-nak", raw, resolver, outcome, Values.ip(m.group(3)), null, null, server,
                    line.time());
            }
            p.outcome = outcome;
            return ParseResult.ignored("outcome recorded");
        }
        if (msg.startsWith("RRQ ") || msg.startsWith("sending NAK")) {
            return ParseResult.unparseable("tftpd-" + msg.split(" ", 2)[0].toLowerCase(java.util.Locale.ROOT), raw);
        }
        return ParseResult.ignored("not an event");
    }

    @Override
    public List<ParseResult> expire(Instant now) {
        List<ParseResult> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            Pending head = queue.peekFirst();
            if (head.outcome == null && head.seen.plus(window).isAfter(now)) {
                break;
            }
            queue.removeFirst();
            if (head.outcome == null) {
                head.outcome = PxeOutcome.SENT;
            }
            byPid.values().remove(head);
            out.add(Events.tftp("tftpd-rrq", head.raw, resolver, head.outcome, head.client, head.path, null, server,
                head.time));
        }
        return out;
    }

    /** Requests still held back (in memory only: a bridge restart loses at most one window). */
    public int pending() {
        return queue.size();
    }
}
