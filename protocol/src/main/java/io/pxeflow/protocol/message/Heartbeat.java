package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;
import java.util.List;

/**
 * A node-reporter sample, in the spirit of beostat-sendstats. Values the node's kernel does not
 * provide are null, never zero. {@code intervalSeconds} is the reporter's promise: the
 * controller derives stale and down from it.
 */
public record Heartbeat(
        String node,
        String bootId,
        long seq,
        Instant time,
        int intervalSeconds,
        String reporterVersion,
        String kernel,
        Double uptimeSeconds,
        Double load1,
        Double load5,
        Double load15,
        Double cpuBusy,
        Double cpuIowait,
        Integer cpuCount,
        Long memTotalBytes,
        Long memAvailableBytes,
        Long swapTotalBytes,
        Long swapUsedBytes,
        List<FilesystemUsage> filesystems,
        List<InterfaceCounters> interfaces) implements NodeReport {

    public Heartbeat {
        Fields.hostname("node", node);
        Fields.token("bootId", bootId);
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            throw new InvalidFieldException("intervalSeconds", "must be 1..3600: " + intervalSeconds);
        }
        Fields.text("reporterVersion", reporterVersion, 64);
        Fields.text("kernel", kernel, 255);
        filesystems = filesystems == null ? List.of() : List.copyOf(filesystems);
        interfaces = interfaces == null ? List.of() : List.copyOf(interfaces);
    }

    public record FilesystemUsage(String mount, String device, String type, long sizeBytes, long freeBytes, long availBytes) {
        public FilesystemUsage {
            Fields.text("mount", mount, 1024);
            Fields.text("device", device, 1024);
            Fields.text("type", type, 64);
        }
    }

    public record InterfaceCounters(String name, long rxBytes, long txBytes, long rxPackets, long txPackets,
                                    long rxErrors, long txErrors) {
        public InterfaceCounters {
            Fields.text("interface", name, 64);
        }
    }
}
