package io.pxeflow.headnode;

import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code pxeflow up} prints once it is ready: where things are and what to type next. When
 * the URL or the data directory is not the one {@code bin/ctl} looks at by default, the next
 * commands start with the two {@code export}s that point ctl at this instance.
 *
 * @param seconds       start-up time
 * @param url           the controller's HTTP base URL
 * @param kafka         bootstrap servers (embedded or external)
 * @param data          the data directory
 * @param defaultData   whether {@code data} is where ctl finds the token by default ({@code ./var})
 * @param kafkaLog      where the Kafka broker's and clients' lines go
 * @param someNode      a node to name in the examples, or null when the cluster is empty
 */
record UpBanner(double seconds, String url, String kafka, Path data, boolean defaultData, Path kafkaLog,
                String someNode) {
    /** bin/ctl's default controller URL (ctl's GlobalOptions.DEFAULT_URL). */
    static final String CTL_DEFAULT_URL = "http://127.0.0.1:8080";

    String text() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%npxeflow is up (%.1f s)%n", seconds));
        b.append("  HTTP API  ").append(url).append("/api/v1   (metrics ").append(url).append("/metrics)\n");
        b.append("  data      ").append(data).append("   (generated files in ").append(data.resolve("generated"))
            .append(")\n");
        b.append("  token     ").append(data.resolve("admin.token")).append('\n');
        b.append("  kafka     ").append(kafka).append("   (log ").append(kafkaLog).append(")\n");
        b.append("next, in another terminal:\n");
        if (!CTL_DEFAULT_URL.equals(url)) {
            b.append("  export PXEFLOW_URL=").append(url).append('\n');
        }
        if (!defaultData) {
            b.append("  export PXEFLOW_TOKEN=$(cat ").append(data.resolve("admin.token")).append(")\n");
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
