package io.pxeflow.kafka.embedded;

import io.pxeflow.protocol.KafkaConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * The secure broker's listeners, certificates and users. Three listeners: {@code SASL_SSL}
 * (SCRAM-SHA-512: compute nodes and head-node processes with a password), {@code MTLS} (SSL with
 * a required client certificate, whose CN is the principal; also the inter-broker listener, as
 * {@code User:broker}) and {@code CONTROLLER} (mTLS, loopback only). Key stores are PKCS#12 under
 * the TLS directory, owner-only; clients trust {@code ca.pem}.
 */
final class SecureListeners {
    static final String BROKER = "broker";
    static final String ADMIN = "admin";
    static final String MECHANISM = "SCRAM-SHA-512";

    private final Path dir;
    private final Map<String, String> users;
    private int mtlsPort;
    private CertificateAuthority ca;
    private char[] storePassword;

    SecureListeners(Path dir, Map<String, String> users, int mtlsPort) {
        this.dir = dir;
        this.users = Map.copyOf(users);
        this.mtlsPort = mtlsPort;
    }

    /** Before each start: the authority, a fresh broker certificate for {@code hosts}, the mTLS port. */
    synchronized void prepare(IntSupplier freePort, List<String> hosts) {
        if (mtlsPort == 0) {
            mtlsPort = freePort.getAsInt();
        }
        ca = CertificateAuthority.loadOrCreate(dir, "pxeflow head-node CA");
        storePassword = storePassword().toCharArray();
        ca.issueKeyStore(dir.resolve(BROKER + ".p12"), storePassword, BROKER, hosts);
    }

    int mtlsPort() {
        return mtlsPort;
    }

    CertificateAuthority ca() {
        return ca;
    }

    Map<String, String> brokerProperties(String listenHost, String advertisedHost, int port, int controllerPort) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("listeners", "SASL_SSL://" + listenHost + ":" + port + ",MTLS://" + listenHost + ":" + mtlsPort
            + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "SASL_SSL://" + advertisedHost + ":" + port + ",MTLS://" + advertisedHost + ":" + mtlsPort);
        p.put("listener.security.protocol.map", "SASL_SSL:SASL_SSL,MTLS:SSL,CONTROLLER:SSL");
        p.put("inter.broker.listener.name", "MTLS");
        p.put("ssl.keystore.type", "PKCS12");
        p.put("ssl.keystore.location", dir.resolve(BROKER + ".p12").toString());
        p.put("ssl.keystore.password", new String(storePassword));
        p.put("ssl.key.password", new String(storePassword));
        p.put("ssl.truststore.type", "PEM");
        p.put("ssl.truststore.location", ca.certificatePem().toString());
        p.put("listener.name.mtls.ssl.client.auth", "required");
        p.put("listener.name.controller.ssl.client.auth", "required");
        // CN=generator,... is User:generator: a certificate and a SCRAM user of one name are one principal.
        p.put("ssl.principal.mapping.rules", "RULE:^CN=([^,]+).*$/$1/,DEFAULT");
        p.put("sasl.enabled.mechanisms", MECHANISM);
        p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", "User:" + BROKER + ";User:" + ADMIN);
        return p;
    }

    /** Creates (or updates) the SCRAM users, as the admin. */
    void createUsers(KafkaConnection admin) {
        if (users.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = new ArrayList<>();
        users.forEach((user, password) -> upserts.add(new UserScramCredentialUpsertion(user,
            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
        try (Admin a = Admin.create(admin.properties())) {
            a.alterUserScramCredentials(upserts).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the Kafka users " + users.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka users", e);
        }
    }

    KafkaConnection scram(String bootstrap, String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + " on this broker; users: " + users.keySet());
        }
        return new KafkaConnection(bootstrap, scramSettings(user, password, ca.certificatePem()));
    }

    /** A client certificate for {@code cn} (issued on first use) and the settings to present it. */
    synchronized KafkaConnection certificate(String bootstrap, String cn) {
        Path store = dir.resolve("clients").resolve(cn + ".p12");
        if (!Files.exists(store)) {
            ca.issueKeyStore(store, storePassword, cn, List.of());
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", "SSL");
        s.put("ssl.keystore.type", "PKCS12");
        s.put("ssl.keystore.location", store.toString());
        s.put("ssl.keystore.password", new String(storePassword));
        s.put("ssl.key.password", new String(storePassword));
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", ca.certificatePem().toString());
        return new KafkaConnection(bootstrap, s);
    }

    /** The client settings of a SCRAM-SHA-512 user over SASL_SSL that trusts {@code caPem}. */
    static Map<String, String> scramSettings(String user, String password, Path caPem) {
        if (!user.matches("[A-Za-z0-9._-]+") || password.contains("\"") || password.contains("\\")) {
            throw new IllegalArgumentException("user names are letters, digits, '.', '_', '-'; passwords hold no quote or backslash");
        }
        Map<String, String> s = new LinkedHashMap<>();
        s.put("security.protocol", "SASL_SSL");
        s.put("sasl.mechanism", MECHANISM);
        s.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
            + "\" password=\"" + password + "\";");
        s.put("ssl.truststore.type", "PEM");
        s.put("ssl.truststore.location", caPem.toString());
        return s;
    }

    /** The key stores' password: random, made once, kept owner-only beside them. */
    private String storePassword() {
        Path file = dir.resolve("store.password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] raw = new byte[18];
            new SecureRandom().nextBytes(raw);
            String password = HexFormat.of().formatHex(raw);
            CertificateAuthority.writeSecret(file, password + "\n");
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the key store password in " + file, e);
        }
    }
}
