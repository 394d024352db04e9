package io.pxeflow.reporter.collect;

import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-interface counters from {@code /proc/net/dev}, one read for every interface (walking
 * {@code /sys/class/net/*}/statistics would cost six files per interface). Loopback is left out:
 * it says nothing about the node's network.
 */
public final class NetDev {
    private NetDev() {
    }

    public static List<InterfaceCounters> read(ProcFs fs) {
        return parse(fs.lines("/proc/net/dev"));
    }

    static List<InterfaceCounters> parse(List<String> lines) {
        if (lines == null) {
            return List.of();
        }
        List<InterfaceCounters> out = new ArrayList<>();
        for (String line : lines) {
            // Header lines contain '|'; old kernels print "eth0:123" with no space after the colon.
            int colon = line.indexOf(':');
            if (colon < 0 || line.indexOf('|') >= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            if (name.isEmpty() || name.equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length < 11) {
                continue;
            }
            try {
                // rx: bytes packets errs drop fifo frame compressed multicast | tx: bytes packets errs ...
                out.add(new InterfaceCounters(Text.printable(name, 64),
                    counter(f[0]), counter(f[8]), counter(f[1]), counter(f[9]), counter(f[2]), counter(f[10])));
            } catch (NumberFormatException e) {
                // A counter that does not parse hides one interface, not the heartbeat.
            }
        }
        return out;
    }

    /** Counters are unsigned 64-bit; past 2^63 (never seen in practice) they stay at the largest long. */
    private static long counter(String s) {
        long v = Long.parseUnsignedLong(s);
        return v < 0 ? Long.MAX_VALUE : v;
    }
}
