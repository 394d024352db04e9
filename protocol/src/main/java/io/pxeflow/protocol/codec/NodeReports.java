package io.pxeflow.protocol.codec;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeReport;
import java.nio.charset.StandardCharsets;

/**
 * Decodes what reporters write on {@code heartbeats}: a {@link InstallReport} when the record
 * names its kind ({@code "report":"install-complete"}), a heartbeat otherwise. Heartbeats are
 * nearly all of that topic, so they take the heartbeat codec's fast path first and pay nothing
 * for the other kind; a refused heartbeat keeps the heartbeat codec's reason.
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
        if (bytes != null && contains(bytes, KIND_FIELD)) {
            Decoded<InstallReport> install = Codec.INSTALL_REPORT.decode(bytes);
            if (install instanceof Decoded.Ok<InstallReport> ok) {
                return Decoded.ok(ok.value());
            }
            // A heartbeat may spell "report" somewhere (an interface so named): it is still a heartbeat.
            Decoded<Heartbeat> beat = Codec.HEARTBEAT.decode(bytes);
            return beat instanceof Decoded.Ok<Heartbeat> ok ? Decoded.ok(ok.value())
                : Decoded.failure(((Decoded.Failure<InstallReport>) install).reason());
        }
        Decoded<Heartbeat> beat = Codec.HEARTBEAT.decode(bytes);
        return beat instanceof Decoded.Ok<Heartbeat> ok ? Decoded.ok(ok.value())
            : Decoded.failure(((Decoded.Failure<Heartbeat>) beat).reason());
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
