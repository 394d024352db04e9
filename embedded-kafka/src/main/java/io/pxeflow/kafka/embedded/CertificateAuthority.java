package io.pxeflow.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small certificate authority for one head node: its key and certificate live in a directory
 * ({@code ca.pem}, and {@code ca.key} readable by the owner only) and it issues certificates for
 * the broker, for clients that authenticate with a certificate (mTLS, the principal is the CN)
 * and for the HTTPS API. EC P-256 keys: fast to make, and every JDK TLS stack speaks them.
 * Certificates are valid for {@link #VALIDITY}; the all-in-one re-issues its own at every start.
 */
public final class CertificateAuthority {
    /** How long issued certificates are valid. */
    public static final Duration VALIDITY = Duration.ofDays(825);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final Path dir;
    private final PrivateKey key;
    private final X509Certificate cert;
    private final SecureRandom random = new SecureRandom();

    private CertificateAuthority(Path dir, PrivateKey key, X509Certificate cert) {
        this.dir = dir;
        this.key = key;
        this.cert = cert;
    }

    /** The authority kept in {@code dir}, made on first use. */
    public static CertificateAuthority loadOrCreate(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path keyFile = dir.resolve("ca.key");
            Path certFile = dir.resolve("ca.pem");
            if (Files.exists(keyFile) && Files.exists(certFile)) {
                PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pemBody(keyFile)));
                X509Certificate cert;
                try (var in = Files.newInputStream(certFile)) {
                    cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
                }
                return new CertificateAuthority(dir, key, cert);
            }
            KeyPair pair = newKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(new SecureRandom()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            writeSecret(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(certFile, pem("CERTIFICATE", cert.getEncoded()));
            return new CertificateAuthority(dir, pair.getPrivate(), cert);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the certificate authority in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the certificate authority in " + dir, e);
        }
    }

    /** The authority's certificate (PEM): what clients trust. */
    public Path certificatePem() {
        return dir.resolve("ca.pem");
    }

    /**
     * A PKCS#12 key store at {@code file} (owner-only) holding a new key and its certificate for
     * {@code cn}, valid as TLS server and client, for the host names and addresses given.
     */
    public void issueKeyStore(Path file, char[] password, String cn, List<String> hosts) {
        try {
            KeyPair pair = newKeyPair();
            X509Certificate leaf = issue(pair, cn, hosts);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(cn, pair.getPrivate(), password, new X509Certificate[] {leaf, cert});
            Path tmp = tempFile(file);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key store " + file, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + cn, e);
        }
    }

    /** A PEM certificate (with the authority's after it) and a PEM key (owner-only) for a server {@code cn}. */
    public void issuePem(Path certFile, Path keyFile, String cn, List<String> hosts) {
        try {
            KeyPair pair = newKeyPair();
            X509Certificate leaf = issue(pair, cn, hosts);
            writeSecret(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(certFile, pem("CERTIFICATE", leaf.getEncoded()) + pem("CERTIFICATE", cert.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + certFile, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + cn, e);
        }
    }

    private X509Certificate issue(KeyPair pair, String cn, List<String> hosts)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(cert, serial(random),
            Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(VALIDITY)), new X500Name("CN=" + cn),
            pair.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
        b.addExtension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(cert));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
        List<GeneralName> names = new ArrayList<>();
        for (String h : hosts) {
            boolean ip = h.matches("[0-9.]+") || h.contains(":");
            names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName,
                ip ? InetAddress.getByName(h).getHostAddress() : h));
        }
        if (!names.isEmpty()) {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
        }
        return sign(b, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner s = new JcaContentSignerBuilder(SIGNATURE).build(signer);
        return new JcaX509CertificateConverter().getCertificate(b.build(s));
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(127, random).add(BigInteger.ONE);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static void write(Path file, String text) throws IOException {
        Path tmp = tempFile(file);
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Written owner-only from the start: a key is never readable by others, not even for a moment. */
    static void writeSecret(Path file, String text) throws IOException {
        Path tmp = tempFile(file);
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static Path tempFile(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
