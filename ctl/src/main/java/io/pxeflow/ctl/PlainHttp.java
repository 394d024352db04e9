package io.pxeflow.ctl;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;

/** An uninitialised TLS context for clients that only speak plain http (never used for a handshake). */
final class PlainHttp {
    static final SSLContext CONTEXT = create();

    private PlainHttp() {
    }

    private static SSLContext create() {
        try {
            return SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
