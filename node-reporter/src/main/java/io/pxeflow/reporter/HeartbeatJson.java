package io.pxeflow.reporter;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.Heartbeat.FilesystemUsage;
import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import io.pxeflow.protocol.message.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The heartbeat's JSON written by hand, so the reporter never loads Jackson (about 700 classes,
 * several MB of class metadata on every compute node). It writes what {@code Codec.HEARTBEAT}
 * writes: {@code "v"} first, the record's components by name, absent values left out, the time
 * as ISO-8601. {@code HeartbeatJsonTest} proves that {@code Codec.HEARTBEAT} decodes it back to
 * the same record. A non-finite double (which no collector produces) is left out too: JSON has
 * no NaN, and absent is what the protocol says an unknown value is.
 */
public final class HeartbeatJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private HeartbeatJson() {
    }

    public static byte[] encode(Heartbeat hb) {
        return encodeToString(hb).getBytes(StandardCharsets.UTF_8);
    }

    public static String encodeToString(Heartbeat hb) {
        StringBuilder b = new StringBuilder(1024);
        b.append("{\"v\":").append(Versioned.SCHEMA);
        string(b, "node", hb.node());
        string(b, "bootId", hb.bootId());
        number(b, "seq", hb.seq());
        string(b, "time", hb.time().toString());
        number(b, "intervalSeconds", hb.intervalSeconds());
        string(b, "reporterVersion", hb.reporterVersion());
        string(b, "kernel", hb.kernel());
        decimal(b, "uptimeSeconds", hb.uptimeSeconds());
        decimal(b, "load1", hb.load1());
        decimal(b, "load5", hb.load5());
        decimal(b, "load15", hb.load15());
        decimal(b, "cpuBusy", hb.cpuBusy());
        decimal(b, "cpuIowait", hb.cpuIowait());
        number(b, "cpuCount", hb.cpuCount());
        number(b, "memTotalBytes", hb.memTotalBytes());
        number(b, "memAvailableBytes", hb.memAvailableBytes());
        number(b, "swapTotalBytes", hb.swapTotalBytes());
        number(b, "swapUsedBytes", hb.swapUsedBytes());
        b.append(",\"filesystems\":[");
        List<FilesystemUsage> fss = hb.filesystems();
        for (int i = 0; i < fss.size(); i++) {
            FilesystemUsage f = fss.get(i);
            b.append(i == 0 ? "{" : ",{");
            quoted(b, "mount").append(':');
            quoted(b, f.mount());
            string(b, "device", f.device());
            string(b, "type", f.type());
            number(b, "sizeBytes", f.sizeBytes());
            number(b, "freeBytes", f.freeBytes());
            number(b, "availBytes", f.availBytes());
            b.append('}');
        }
        b.append("],\"interfaces\":[");
        List<InterfaceCounters> ifs = hb.interfaces();
        for (int i = 0; i < ifs.size(); i++) {
            InterfaceCounters n = ifs.get(i);
            b.append(i == 0 ? "{" : ",{");
            quoted(b, "name").append(':');
            quoted(b, n.name());
            number(b, "rxBytes", n.rxBytes());
            number(b, "txBytes", n.txBytes());
            number(b, "rxPackets", n.rxPackets());
            number(b, "txPackets", n.txPackets());
            number(b, "rxErrors", n.rxErrors());
            number(b, "txErrors", n.txErrors());
            b.append('}');
        }
        return b.append("]}").toString();
    }

    private static void string(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(',');
            quoted(b, name).append(':');
            quoted(b, value);
        }
    }

    private static void number(StringBuilder b, String name, Number value) {
        if (value != null) {
            b.append(',');
            quoted(b, name).append(':').append(value);
        }
    }

    private static void number(StringBuilder b, String name, long value) {
        b.append(',');
        quoted(b, name).append(':').append(value);
    }

    private static void decimal(StringBuilder b, String name, Double value) {
        // Double.toString is valid JSON for every finite value ("1.0E-5" included).
        if (value != null && Double.isFinite(value)) {
            number(b, name, value);
        }
    }

    /** A JSON string literal: quotes, backslashes and control characters escaped, the rest as is. */
    static StringBuilder quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                b.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                b.append(c);
            }
        }
        return b.append('"');
    }
}
