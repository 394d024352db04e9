package io.pxeflow.headnode;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code pxeflow up} prints once it is ready: where things are and what to type next. When
 * the URL or the data directory is not the one {@code bin/ctl} looks at by default, the next
 * commands start with the two {@code export}s that point ctl at this instance.
 *
 * @param seconds       start-up time
 * @param url           the controller's admin API base URL (as written to {@code data/api.url})
 * @param bootUrl       the node listener's base URL (iPXE scripts only)
 * @param kafka         bootstrap servers (embedded or external)
 * @param data          the data directory
 * @param defaultData   whether {@code data} is where ctl finds the token by default ({@code ./var})
 * @param kafkaLog      where the Kafka broker's and clients' lines go
 * @param someNode      a node to name in the examples, or null when the cluster is empty
 * @param secure        with {@code --secure}: where the CA and the Kafka client settings are; else null
 */
record UpBanner(double seconds, String url, String bootUrl, String kafka, Path data, boolean defaultData,
                Path kafkaLog, String someNode, String secure) {

    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%npxeflow is up (%.1f s)%n", seconds));
        b.append("  HTTP API  ").append(url).append("/api/v1   (metrics ").append(url).append("/metrics)\n");
        b.append("  data      ").append(data).append("   (generated files in ").append(data.resolve("generated"))
            .append(")\n");
        b.append("  boot      ").append(bootUrl).append("/boot/ipxe   (iPXE scripts only)\n");
        b.append("  tokens    ").append(data.resolve("admin.token")).append(" (admin), ")
            .append(data.resolve("read.token")).append(" (read-only)\n");
        b.append("  kafka     ").append(kafka).append("   (log ").append(kafkaLog).append(")\n");
        if (secure != null) {
            b.append("  secure    ").append(secure).append('\n');
        }
        b.append("next, in another terminal:\n");
        // ctl reads ./var/api.url, admin.token and the CA by itself; elsewhere it is told where.
        if (!defaultData) {
            b.append("  export PXEFLOW_URL=").append(url).append('\n');
            b.append("  export PXEFLOW_TOKEN=$(cat ").append(data.resolve("admin.token")).append(")\n");
            if (secure != null) {
                b.append("  export PXEFLOW_CACERT=").append(data.resolve("secure/tls/ca.pem")).append('\n');
            }
        }
        b.append("  bin/ctl nodes                      the cluster, one line per node\n");
        if (someNode != null) {
            b.append(String.format(Locale.ROOT, "  %-34s one node, its recent events%n", "bin/ctl status " + someNode));
        }
        b.append("  bin/ctl watch                      boot events as they happen\n");
        b.append("  bin/ctl --help                     every command (docs/ctl.md)\n");
        b.append("Ctrl-C stops pxeflow; the next `bin/pxeflow up");
        if (!defaultData) {
            b.append(" --data ").append(data);
        }
        b.append("` finds the same state.\n\n");
        return b.toString();
    }
}
