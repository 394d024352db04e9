package io.pxeflow.protocol;

import java.util.Map;

/**
 * Where a head-node process finds Kafka when its command line does not say: the
 * {@code PXEFLOW_BOOTSTRAP} environment variable (set in {@code /etc/pxeflow/pxeflow.env} for the
 * systemd units), else a broker on this host. One rule for the controller, generator, bridge and
 * demo feed, so that they agree on a head node; the node reporter, which runs on compute nodes
 * where no broker lives, requires an address instead.
 */
public final class KafkaBootstrap {
    public static final String ENV = "PXEFLOW_BOOTSTRAP";
    public static final String LOCAL = "localhost:9092";
    /** The {@code --bootstrap} option's description, the same in every command that takes it. */
    public static final String HELP = "Kafka bootstrap servers, host:port[,...] (default: $" + ENV + ", else " + LOCAL + ")";

    private KafkaBootstrap() {
    }

    /** The given servers, else the environment's, else {@link #LOCAL}. */
    public static String resolve(String given, Map<String, String> env) {
        if (given != null && !given.isBlank()) {
            return given.trim();
        }
        String fromEnv = env.get(ENV);
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : LOCAL;
    }
}
