package io.pxeflow.power.bmc;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS trust of Redfish calls. By default the JDK's trust store; with a CA file (PEM, one or
 * more certificates: the site's BMC CA, or each BMC's self-signed certificate) exactly those; and
 * only with the explicit insecure switch for a lab of BMCs with factory certificates, no check at
 * all, logged loudly at start because it lets anyone on the management network pose as a BMC
 * and collect its password.
 */
public final class RedfishTls {
    private static final Logger LOG = LoggerFactory.getLogger(RedfishTls.class);

    private RedfishTls() {
    }

    public static SSLContext context(Path caFile, boolean insecure) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            if (insecure) {
                LOG.warn("!!! redfish.insecure=true: BMC certificates and host names are NOT checked. Anyone on the "
                    + "management network can pose as a BMC and collect its password. For a lab only: set "
                    + "redfish.ca-file to the BMCs' CA (or their certificates) instead. !!!");
                ctx.init(null, new TrustManager[] {new TrustAll()}, null);
            } else if (caFile != null) {
                ctx.init(null, trustOnly(caFile).getTrustManagers(), null);
            } else {
                ctx.init(null, null, null);
            }
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot set up TLS for Redfish: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustOnly(Path caFile) throws GeneralSecurityException {
        Collection<? extends Certificate> certs;
        try (InputStream in = Files.newInputStream(caFile)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("redfish.ca-file " + caFile + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("redfish.ca-file " + caFile + " holds no PEM certificate");
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        int i = 0;
        for (Certificate c : certs) {
            store.setCertificateEntry("bmc-ca-" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf;
    }

    /** Accepts every certificate and, being an extended trust manager, skips the host name check too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
