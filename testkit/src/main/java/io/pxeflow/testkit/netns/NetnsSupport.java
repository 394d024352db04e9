package io.pxeflow.testkit.netns;

import io.pxeflow.testkit.Binaries;
import io.pxeflow.testkit.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Decides, before anything is created, whether this process can make network namespaces. Where
 * it plainly cannot (not Linux, no {@code ip}, not root, or root without CAP_SYS_ADMIN and
 * CAP_NET_ADMIN as in an unprivileged container, where {@code ip netns add} fails with EPERM)
 * a test is skipped and says why. Where it can, nothing is skipped: a later failure to create a
 * namespace is a real failure, so CI (root) never hides a broken test behind a skip. Setting
 * {@code PXEFLOW_REQUIRE_ALL=1} (or the older {@code PXEFLOW_REQUIRE_NETNS=1}) turns every skip
 * reason into a failure too.
 */
public final class NetnsSupport {
    private static final int CAP_NET_ADMIN = 12;
    private static final int CAP_SYS_ADMIN = 21;

    private NetnsSupport() {
    }

    /** Why namespaces cannot be made here, or empty when they can. */
    public static Optional<String> whyUnavailable() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.of("network namespaces are Linux-only (this is " + System.getProperty("os.name") + ")");
        }
        if (Binaries.find("ip").isEmpty()) {
            return Optional.of("`ip` is not installed (apt-get install iproute2)");
        }
        String status;
        try {
            status = Files.readString(Path.of("/proc/self/status"));
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status: " + e.getMessage());
        }
        String uid = field(status, "Uid:");
        if (uid == null || !uid.split("\\s+")[1].equals("0")) {
            return Optional.of("network namespaces need root (effective uid " + (uid == null ? "?" : uid.split("\\s+")[1])
                + "); run as root, as CI does");
        }
        String capEff = field(status, "CapEff:");
        long caps = capEff == null ? 0 : Long.parseUnsignedLong(capEff.trim(), 16);
        if ((caps & (1L << CAP_SYS_ADMIN)) == 0 || (caps & (1L << CAP_NET_ADMIN)) == 0) {
            return Optional.of("root without CAP_SYS_ADMIN and CAP_NET_ADMIN (an unprivileged container?): "
                + "`ip netns add` would fail with EPERM");
        }
        return Optional.empty();
    }

    /** Skips the calling test when namespaces cannot be made here (fails instead under PXEFLOW_REQUIRE_ALL). */
    public static void assumeAvailable() {
        Optional<String> why = whyUnavailable();
        Prerequisites.require(why.isEmpty(), why::get, "PXEFLOW_REQUIRE_NETNS");
    }

    private static String field(String status, String name) {
        for (String line : status.split("\n")) {
            if (line.startsWith(name)) {
                return line.substring(name.length()).trim();
            }
        }
        return null;
    }
}
