package io.pxeflow.bridge;

import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * dnsmasq reports every completed TFTP transfer twice when the bridge reads both its dhcp-script
 * hook and its log ({@code sent /path to IP}), as docs/dhcp-dnsmasq.md recommends. Forwarding
 * both made one fetch count as two PXE answers, so an install followed by one local boot looked
 * like a boot-loop. A hook report and a log report of the same client and path are one transfer
 * when the hook ran within the log line's whole-second time stamp (plus a little slack: the hook
 * starts just after the line is written); the second report of such a pair is dropped. Each
 * report pairs at most once, so two real fetches in quick succession both count, and with only
 * one of the two sources configured nothing ever pairs.
 */
final class PairedTransferReports {
    static final String HOOK = "hook";
    static final String LOG = "dnsmasq";
    private static final Duration SLACK = Duration.ofMillis(250);
    private static final Duration KEEP = Duration.ofMinutes(2);
    private static final int MAX_KEYS = 10_000;

    private record Report(boolean fromHook, Instant served, Instant seen) {
    }

    private final Map<String, Deque<Report>> unpaired = new HashMap<>();

    /** True when {@code e} is the other source's report of a transfer already forwarded. */
    boolean isSecondReport(String source, PxeEvent e, Instant now) {
        boolean hook = HOOK.equals(source);
        if (e.outcome() != PxeOutcome.SENT || e.clientIp() == null || !(hook || LOG.equals(source))) {
            return false;
        }
        expire(now);
        Deque<Report> reports = unpaired.computeIfAbsent(e.clientIp() + " " + e.path(), k -> new ArrayDeque<>());
        for (Iterator<Report> it = reports.iterator(); it.hasNext();) {
            Report r = it.next();
            if (r.fromHook() != hook && sameTransfer(hook ? e.time() : r.served(), hook ? r.served() : e.time())) {
                it.remove();
                return true;
            }
        }
        reports.addLast(new Report(hook, e.time(), now));
        return false;
    }

    private static boolean sameTransfer(Instant hookTime, Instant logSecond) {
        return !hookTime.isBefore(logSecond) && hookTime.isBefore(logSecond.plusSeconds(1).plus(SLACK));
    }

    private void expire(Instant now) {
        Instant oldest = now.minus(KEEP);
        unpaired.values().forEach(q -> q.removeIf(r -> r.seen().isBefore(oldest)));
        unpaired.values().removeIf(Deque::isEmpty);
        if (unpaired.size() > MAX_KEYS) {
            unpaired.clear();
        }
    }
}
