package io.pxeflow.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import io.pxeflow.protocol.KafkaConnection;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka node (KRaft, combined broker and controller) running inside this JVM, built from
 * Maven Central artifacts only: on its own a single-node cluster (the all-in-one head node and
 * the integration tests), or one of several ({@link EmbeddedKafkaCluster}). Its data directory
 * survives restarts, so a second start finds the same topics.
 *
 * <p>{@link Builder#secure} makes it a broker that a real head node would run: SASL_SSL with
 * SCRAM-SHA-512 for clients, an mTLS listener (client certificates, principal = the CN) that is
 * also the inter-broker one, an mTLS controller listener on loopback, and the standard
 * authorizer with no ACL meaning no access; {@code User:broker} and {@code User:admin} are the
 * super users. Its certificates come from a {@link CertificateAuthority} under the data directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    private final int nodeId;
    private final String voters;
    private final String clusterId;
    private final Path dataDir;
    private final String listenHost;
    private final String advertisedHost;
    private final int partitions;
    private final Map<String, String> overrides;
    private final SecureListeners secure;
    private int port;
    private int controllerPort;
    private KafkaRaftServer server;

    private EmbeddedKafkaBroker(Builder b) {
        this.nodeId = b.nodeId;
        this.voters = b.voters;
        this.clusterId = b.clusterId;
        this.dataDir = b.dataDir;
        this.listenHost = b.listenHost;
        this.advertisedHost = b.advertisedHost != null ? b.advertisedHost : b.listenHost;
        this.port = b.port;
        this.controllerPort = b.controllerPort;
        this.partitions = b.partitions;
        this.overrides = Map.copyOf(b.overrides);
        this.secure = b.tlsDir == null ? null : new SecureListeners(b.tlsDir, b.scramUsers, b.mtlsPort);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Formats the log directory on first use, starts the broker and waits until it answers. */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            return this;
        }
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kafka data directory " + dataDir, e);
        }
        // Ports are chosen once and kept, so a stopped broker comes back where clients expect it.
        if (port == 0) {
            port = freePort();
        }
        if (controllerPort == 0) {
            controllerPort = freePort();
        }
        if (secure != null) {
            secure.prepare(this::freePort, hostsOfBroker());
        }
        Properties props = brokerProperties();
        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNeeded();
        server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        awaitReady(Duration.ofSeconds(voters == null ? 60 : 120));
        if (secure != null) {
            secure.createUsers(adminConnection());
        }
        LOG.info("embedded Kafka broker ready at {} in {} ms (data {}{})", bootstrapServers(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0), dataDir,
            secure == null ? "" : "; SASL_SSL, mTLS on " + advertisedHost + ":" + secure.mtlsPort() + ", ACLs");
        return this;
    }

    /** Stops the broker and waits for it; the data directory is kept for a later {@link #start}. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        LOG.info("embedded Kafka broker at {} stopped", bootstrapServers());
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public String bootstrapServers() {
        return advertisedHost + ":" + port;
    }

    /** True when the broker authenticates and authorizes its clients ({@link Builder#secure}). */
    public boolean secure() {
        return secure != null;
    }

    /**
     * A connection for the super user {@code admin}: plain for a plain broker; through the mTLS
     * listener with the admin certificate for a secure one. Creates users and ACLs.
     */
    public KafkaConnection adminConnection() {
        return secure == null ? KafkaConnection.plain(bootstrapServers())
            : secure.certificate(advertisedHost + ":" + secure.mtlsPort(), SecureListeners.ADMIN);
    }

    /** A SASL_SSL (SCRAM-SHA-512) connection as {@code user}, one of {@link Builder#secure}'s users. */
    public KafkaConnection userConnection(String user) {
        requireSecure();
        return secure.scram(bootstrapServers(), user);
    }

    /** An mTLS connection with a new certificate whose CN, and so principal, is {@code cn}. */
    public KafkaConnection certificateConnection(String cn) {
        requireSecure();
        return secure.certificate(advertisedHost + ":" + secure.mtlsPort(), cn);
    }

    /** The certificate authority behind a secure broker's certificates. */
    public CertificateAuthority certificateAuthority() {
        requireSecure();
        return secure.ca();
    }

    private void requireSecure() {
        if (secure == null) {
            throw new IllegalStateException("this broker is not secure: build it with secure(...)");
        }
    }

    private List<String> hostsOfBroker() {
        java.util.LinkedHashSet<String> hosts = new java.util.LinkedHashSet<>(List.of("localhost", "127.0.0.1", advertisedHost));
        if (!listenHost.equals("0.0.0.0")) {
            hosts.add(listenHost);
        }
        try {
            hosts.add(java.net.InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            LOG.debug("no host name for the broker certificate: {}", e.toString());
        }
        return List.copyOf(hosts);
    }

    public int port() {
        return port;
    }

    public int nodeId() {
        return nodeId;
    }

    public Path dataDir() {
        return dataDir;
    }

    private Path logDir() {
        return dataDir.resolve("kraft-combined-logs");
    }

    private Properties brokerProperties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(nodeId));
        p.put("controller.quorum.voters", voters != null ? voters : nodeId + "@127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (secure != null) {
            p.putAll(secure.brokerProperties(listenHost, advertisedHost, port, controllerPort));
        } else {
            p.put("listeners", "PLAINTEXT://" + listenHost + ":" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://" + advertisedHost + ":" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        }
        p.put("log.dirs", logDir().toString());
        p.put("num.partitions", Integer.toString(partitions));
        // One broker: every internal topic must live with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "6");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "6");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // A crashed exactly-once client's open transaction blocks read_committed readers until it is
        // aborted; check for timed-out transactions every second, not every 10 s.
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        p.put("auto.create.topics.enable", "false");
        // Small segments keep compaction of the state topics visible on a small head node.
        p.put("log.cleaner.backoff.ms", "5000");
        p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        overrides.forEach(p::put);
        return p;
    }

    private void formatIfNeeded() {
        if (Files.exists(logDir().resolve("meta.properties"))) {
            return;
        }
        try {
            Formatter formatter = new Formatter()
                .setNodeId(nodeId)
                .setClusterId(clusterId != null ? clusterId : Uuid.randomUuid().toString())
                .setDirectories(List.of(logDir().toString()))
                .setMetadataLogDirectory(logDir().toString())
                .setControllerListenerName("CONTROLLER")
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format Kafka log directory " + logDir(), e);
        }
    }

    private void awaitReady(Duration timeout) {
        Properties p = adminConnection().properties();
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(p)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("embedded Kafka broker did not become ready within " + timeout, last);
    }

    private int freePort() {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(listenHost.equals("0.0.0.0") ? "127.0.0.1" : listenHost, 0));
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    /** Configuration of an embedded broker; every setting has a sensible default. */
    public static final class Builder {
        private int nodeId = 1;
        private String voters;
        private String clusterId;
        private Path dataDir;
        private String listenHost = "127.0.0.1";
        private String advertisedHost;
        private int port;
        private int controllerPort;
        private int partitions = 6;
        private final java.util.LinkedHashMap<String, String> overrides = new java.util.LinkedHashMap<>();
        private Path tlsDir;
        private Map<String, String> scramUsers = Map.of();
        private int mtlsPort;

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Address to listen on; use 0.0.0.0 with an advertised host for reporters on other machines. */
        public Builder listenHost(String host) {
            this.listenHost = host;
            return this;
        }

        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** Listener port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Kafka port must be 0..65535: " + port);
            }
            this.port = port;
            return this;
        }

        public Builder controllerPort(int port) {
            this.controllerPort = port;
            return this;
        }

        public Builder partitions(int partitions) {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be positive: " + partitions);
            }
            this.partitions = partitions;
            return this;
        }

        /**
         * Makes this node one of a cluster: its id, every voter ({@code id@host:port,...}, its own
         * controller port among them) and the id every member was formatted with.
         */
        public Builder member(int nodeId, String voters, String clusterId) {
            this.nodeId = nodeId;
            this.voters = voters;
            this.clusterId = clusterId;
            return this;
        }

        public Builder brokerProperty(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /**
         * A secure broker (see the class comment): certificates from the authority in
         * {@code tlsDir}, and these SCRAM-SHA-512 users (name to password), created at every start.
         */
        public Builder secure(Path tlsDir, Map<String, String> scramUsers) {
            this.tlsDir = tlsDir;
            this.scramUsers = Map.copyOf(scramUsers);
            return this;
        }

        /** The secure broker's mTLS listener port; 0 (the default) picks a free one. */
        public Builder mtlsPort(int port) {
            this.mtlsPort = port;
            return this;
        }

        public EmbeddedKafkaBroker build() {
            if (dataDir == null) {
                try {
                    dataDir = Files.createTempDirectory("pxeflow-kafka-");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new EmbeddedKafkaBroker(this);
        }
    }
}
