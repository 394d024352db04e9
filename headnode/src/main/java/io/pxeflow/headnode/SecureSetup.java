package io.pxeflow.headnode;

import io.pxeflow.kafka.embedded.CertificateAuthority;
import io.pxeflow.kafka.embedded.EmbeddedKafkaBroker;
import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaConnection;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What {@code pxeflow up --secure} keeps under {@code <data>/secure}, made on the first secure
 * start and reused after:
 * <pre>
 *   tls/ca.pem, tls/ca.key      the head node's certificate authority (clients and ctl trust ca.pem)
 *   tls/broker.p12, tls/clients the broker's and mTLS clients' key stores (re-issued at start)
 *   tls/api.pem, tls/api.key    the HTTPS API's certificate and key (re-issued at start)
 *   kafka-users.properties      each principal's SCRAM password
 *   kafka/NAME.properties       each principal's Kafka client settings (--kafka-config FILE);
 *                               admin.properties is the super user's (mTLS), for pxeflow acls and Kafka tools
 *   reporter.properties         a compute node's /etc/pxeflow/reporter.properties
 * </pre>
 * Every file holding a secret is owner-only.
 */
final class SecureSetup {
    static final String ADMIN = "admin";

    private final Path dir;
    private final Map<String, String> passwords;

    private SecureSetup(Path dir, Map<String, String> passwords) {
        this.dir = dir;
        this.passwords = passwords;
    }

    /** The setup under {@code dir}: the principals' passwords, made once. */
    static SecureSetup prepare(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("kafka-users.properties");
        Map<String, String> passwords = new TreeMap<>();
        if (Files.exists(file)) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            p.stringPropertyNames().forEach(k -> passwords.put(k, p.getProperty(k)));
        }
        boolean added = false;
        for (String principal : AccessPolicy.PRINCIPALS) {
            if (!passwords.containsKey(principal)) {
                byte[] raw = new byte[24];
                new SecureRandom().nextBytes(raw);
                passwords.put(principal, HexFormat.of().formatHex(raw));
                added = true;
            }
        }
        if (added) {
            Properties p = new Properties();
            p.putAll(passwords);
            writeSecret(file, p, "SCRAM-SHA-512 passwords of pxeflow's Kafka principals (pxeflow up --secure)");
        }
        return new SecureSetup(dir, passwords);
    }

    Path tlsDir() {
        return dir.resolve("tls");
    }

    Map<String, String> users() {
        return passwords;
    }

    Path clientFile(String principal) {
        return dir.resolve("kafka").resolve(principal + ".properties");
    }

    /** Writes each principal's client settings, the admin's, and the compute nodes' reporter.properties. */
    void writeClientFiles(EmbeddedKafkaBroker broker) throws IOException {
        for (String principal : AccessPolicy.PRINCIPALS) {
            KafkaConnection k = broker.userConnection(principal);
            writeSecret(clientFile(principal), props(k.settings(), ""), "Kafka client settings of User:" + principal
                + " (--kafka-config); servers " + k.bootstrap());
        }
        KafkaConnection admin = broker.adminConnection();
        Map<String, String> adminSettings = new LinkedHashMap<>(admin.settings());
        writeSecret(clientFile(ADMIN), props(adminSettings, ""), "the Kafka super user (mTLS, CN=admin) for pxeflow acls "
            + "and Kafka's tools; servers " + admin.bootstrap() + " (its mTLS listener)");
        KafkaConnection reporter = broker.userConnection(AccessPolicy.REPORTER);
        Properties node = props(reporter.settings(), "kafka.");
        node.put("bootstrap", reporter.bootstrap());
        writeSecret(dir.resolve("reporter.properties"), node, "a compute node's /etc/pxeflow/reporter.properties: copy it "
            + "there with " + broker.certificateAuthority().certificatePem() + " (and fix ssl.truststore.location)");
    }

    /** The HTTPS API's certificate and key, for these host names and addresses. */
    Path[] issueApiCertificate(CertificateAuthority ca, List<String> hosts) {
        Path cert = tlsDir().resolve("api.pem");
        Path key = tlsDir().resolve("api.key");
        ca.issuePem(cert, key, "pxeflow-api", hosts);
        return new Path[] {cert, key};
    }

    private static Properties props(Map<String, String> settings, String prefix) {
        Properties p = new Properties();
        settings.forEach((k, v) -> p.put(prefix + k, v));
        return p;
    }

    private static void writeSecret(Path file, Properties p, String comment) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            p.store(w, comment);
        } catch (IOException | UncheckedIOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
