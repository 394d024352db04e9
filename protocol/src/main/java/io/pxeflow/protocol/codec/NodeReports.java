package io.pxeflow.protocol.codec;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeReport;
import java.nio.charset.StandardCharsets;

/**
 * Decodes what reporters write on {@code heartbeats}: a heartbeat, or an {@link InstallReport}
 * (which names its kind, {@code "report":"install-complete"}). Heartbeats are nearly all of that
 * topic, so they are tried first, on the heartbeat codec's fast path, and pay nothing for the
 * other kind; a record that is neither keeps the reason of the kind it names.
 */
public final class NodeReports implements Decoder<NodeReport> {
    public static final NodeReports DECODER = new NodeReports();
    private static final byte[] INSTALL_MARK = ("\"" + InstallReport.KIND_FIELD + "\":\"" + InstallReport.KIND + "\"")
        .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KIND_FIELD = ("\"" + InstallReport.KIND_FIELD + "\"").getBytes(StandardCharsets.US_ASCII);

    private NodeReports() {
    }

    @Override
    public Decoded<NodeReport> decode(byte[] bytes) {
        Decoded<Heartbeat> beat = Codec.HEARTBEAT.decode(bytes);
        if (beat instanceof Decoded.Ok<Heartbeat> ok) {
            return Decoded.ok(ok.value());
        }
        // Not a heartbeat: an install report says so (rare: one per install), and gets its own reason.
        if (bytes != null && contains(bytes, KIND_FIELD)) {
            Decoded<InstallReport> install = Codec.INSTALL_REPORT.decode(bytes);
            return install instanceof Decoded.Ok<InstallReport> ok ? Decoded.ok(ok.value())
                : Decoded.failure(((Decoded.Failure<InstallReport>) install).reason());
        }
        return Decoded.failure(((Decoded.Failure<Heartbeat>) beat).reason());
    }

    /**
     * A cheap test, without decoding, for a record pxeflow's reporter wrote as an install report
     * ({@code "report":"install-complete"}, as its writer spells it), for readers that keep
     * heartbeats undecoded.
     */
    public static boolean looksLikeInstallReport(byte[] bytes) {
        return bytes != null && contains(bytes, INSTALL_MARK);
    }

    public static byte[] encode(NodeReport r) {
        return r instanceof InstallReport i ? Codec.INSTALL_REPORT.encode(i)
            : Codec.HEARTBEAT.encode((Heartbeat) r);
    }

    private static boolean contains(byte[] bytes, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= bytes.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (bytes[i + j] != what[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
