package io.pxeflow.protocol.message;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import java.time.Instant;

/**
 * An admin's (or an installer's) request about one node, keyed by node name on {@code commands}.
 * Every command carries a request id (for idempotence and for the caller to wait on) and who
 * asked.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Command.PutNode.class, name = "put-node"),
    @JsonSubTypes.Type(value = Command.RemoveNode.class, name = "remove-node"),
    @JsonSubTypes.Type(value = Command.Reprovision.class, name = "reprovision"),
    @JsonSubTypes.Type(value = Command.SetStage.class, name = "set-stage"),
    @JsonSubTypes.Type(value = Command.SetClass.class, name = "set-class"),
    @JsonSubTypes.Type(value = Command.Wipe.class, name = "wipe"),
    @JsonSubTypes.Type(value = Command.InstallComplete.class, name = "install-complete"),
})
public sealed interface Command extends Versioned {
    String node();

    Meta meta();

    /** Who asked, when, and the id the caller may wait on. */
    record Meta(String requestId, String who, Instant time) {
        public Meta {
            Fields.token("requestId", requestId);
            Fields.text("who", who, 128);
            if (time == null) {
                throw new InvalidFieldException("time", "missing");
            }
        }
    }

    /**
     * Adds the node, or replaces its spec; its runtime status is kept. {@code stage} is set when
     * given; null keeps the current stage (a new node starts at the first stage of its sequence).
     */
    record PutNode(String node, Meta meta, NodeSpec spec, BootStage stage) implements Command {
        public PutNode {
            if (stage == BootStage.UNKNOWN) {
                throw new InvalidFieldException("stage", "must be pxe or local");
            }
            check(node, meta);
            if (spec == null) {
                throw new InvalidFieldException("spec", "missing");
            }
            if (!spec.name().equals(node)) {
                throw new InvalidFieldException("spec.name", "does not match the node " + node);
            }
        }
    }

    record RemoveNode(String node, Meta meta) implements Command {
        public RemoveNode {
            check(node, meta);
        }
    }

    /** Stage back to pxe; with {@code wipe} the boot config asks the installer to wipe the disk. */
    record Reprovision(String node, Meta meta, boolean wipe) implements Command {
        public Reprovision {
            check(node, meta);
        }
    }

    record SetStage(String node, Meta meta, BootStage stage) implements Command {
        public SetStage {
            check(node, meta);
            if (stage == null || stage == BootStage.UNKNOWN) {
                throw new InvalidFieldException("stage", "must be pxe or local");
            }
        }
    }

    record SetClass(String node, Meta meta, ClassSpec bootClass) implements Command {
        public SetClass {
            check(node, meta);
            if (bootClass == null) {
                throw new InvalidFieldException("bootClass", "missing");
            }
        }
    }

    /** Marks the node's local disk to be wiped by its next install (seed 000's /var/wipe). */
    record Wipe(String node, Meta meta) implements Command {
        public Wipe {
            check(node, meta);
        }
    }

    /** The installer (or the reporter's one-shot flag) says the install finished. */
    record InstallComplete(String node, Meta meta) implements Command {
        public InstallComplete {
            check(node, meta);
        }
    }

    /** The command's wire type name ({@code set-stage}, {@code wipe}, ...), for people reading events. */
    static String typeName(Command c) {
        if (c instanceof PutNode) {
            return "put-node";
        } else if (c instanceof RemoveNode) {
            return "remove-node";
        } else if (c instanceof Reprovision) {
            return "reprovision";
        } else if (c instanceof SetStage) {
            return "set-stage";
        } else if (c instanceof SetClass) {
            return "set-class";
        } else if (c instanceof Wipe) {
            return "wipe";
        }
        return "install-complete";
    }

    private static void check(String node, Meta meta) {
        Fields.hostname("node", node);
        if (meta == null) {
            throw new InvalidFieldException("meta", "missing");
        }
    }
}
