package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;

/**
 * "The install running on this node finished", sent once by the node's reporter from the
 * installer (a kickstart %post, a first-boot unit) on {@code heartbeats}, keyed by the node. It
 * names the boot it was sent from: the controller accepts it only for that node, while an install
 * is in progress, and from a boot other than the one the node was running when the installer was
 * served (so a report cannot outlive its install).
 *
 * @param report    always {@code install-complete}: what tells this record from a heartbeat
 * @param requestId the reporter's id for the report, carried by the lifecycle event it causes
 */
public record InstallReport(String report, String node, String bootId, Instant time, String requestId)
        implements NodeReport {
    /** The value of {@code report}, and the field name that marks this kind of record. */
    public static final String KIND = "install-complete";
    public static final String KIND_FIELD = "report";

    public InstallReport {
        if (!KIND.equals(report)) {
            throw new InvalidFieldException(KIND_FIELD, "must be " + KIND);
        }
        Fields.hostname("node", node);
        Fields.token("bootId", bootId);
        if (time == null) {
            throw new InvalidFieldException("time", "missing");
        }
        if (requestId != null) {
            Fields.token("requestId", requestId);
        }
    }

    public static InstallReport of(String node, String bootId, Instant time, String requestId) {
        return new InstallReport(KIND, node, bootId, time, requestId);
    }
}
