package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootOverride;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.StagePolicy;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a class, in the order the writer emits them. The first three are ClusterWare's
 * and may also be set cluster-wide or per node; the others are pxeflow's. The BMC keys are the
 * class's defaults for its nodes' BMCs (a node line gives the address: {@code bmc=}).
 */
enum ClassKey {
    KERNEL("kernelimage", true),
    INITRD("initrdimage", true),
    CMDLINE("kernelcommandline", true),
    ROOT_IMAGE("rootimage", false),
    OVERLAY("overlay", false),
    NFS_SERVER("nfsserver", false),
    ADVANCE("advance", false),
    BMC_PROTOCOL("bmcprotocol", false),
    BMC_CREDENTIALS("bmccredentials", false);

    private final String keyword;
    private final boolean perNode;

    ClassKey(String keyword, boolean perNode) {
        this.keyword = keyword;
        this.perNode = perNode;
    }

    String keyword() {
        return keyword;
    }

    /** Whether ClusterWare allows the setting cluster-wide and per node ({@code kernelimage 15 ...}). */
    boolean perNode() {
        return perNode;
    }

    /** The value as the file spells it; a path or host name is one word, a command line many. */
    boolean singleWord() {
        return this != CMDLINE;
    }

    /** Every keyword, for the message that names an unknown one. */
    static String keywords() {
        String[] all = Arrays.stream(values()).map(ClassKey::keyword).toArray(String[]::new);
        return String.join(", ", Arrays.copyOf(all, all.length - 1)) + " or " + all[all.length - 1];
    }

    static Optional<ClassKey> of(String keyword) {
        return Arrays.stream(values()).filter(k -> k.keyword.equals(keyword)).findFirst();
    }

    /** Throws InvalidFieldException (naming the keyword) when the value may not be used. */
    void validate(String value) {
        switch (this) {
            case KERNEL, INITRD, ROOT_IMAGE, OVERLAY -> Fields.path(keyword, value);
            case CMDLINE -> Fields.cmdline(keyword, value);
            case NFS_SERVER -> Fields.hostname(keyword, value);
            case ADVANCE -> {
                if (StagePolicy.fromCode(value) == StagePolicy.UNKNOWN) {
                    throw new InvalidFieldException(keyword, "must be on-pxe-served or on-install-complete: " + value);
                }
            }
            case BMC_PROTOCOL -> NodeBmcKeys.protocol(keyword, value);
            case BMC_CREDENTIALS -> Fields.name(keyword, value);
            default -> throw new IllegalStateException(name());
        }
    }

    String get(ClassSpec c) {
        return switch (this) {
            case KERNEL -> c.kernel();
            case INITRD -> c.initrd();
            case CMDLINE -> c.cmdline();
            case ROOT_IMAGE -> c.rootImage();
            case OVERLAY -> c.overlay();
            case NFS_SERVER -> c.nfsServer();
            case ADVANCE -> c.advance() == null ? null : c.advance().code();
            case BMC_PROTOCOL -> c.bmc() == null || c.bmc().protocol() == null ? null : c.bmc().protocol().code();
            case BMC_CREDENTIALS -> c.bmc() == null ? null : c.bmc().credentials();
        };
    }

    String get(BootOverride o) {
        return switch (this) {
            case KERNEL -> o.kernel();
            case INITRD -> o.initrd();
            case CMDLINE -> o.cmdline();
            default -> null;
        };
    }

    static ClassSpec classSpec(String name, Map<ClassKey, String> v) {
        String advance = v.get(ADVANCE);
        String protocol = v.get(BMC_PROTOCOL);
        BmcSpec bmc = new BmcSpec(null, protocol == null ? null : BmcProtocol.fromCode(protocol), v.get(BMC_CREDENTIALS));
        return new ClassSpec(name, v.get(KERNEL), v.get(INITRD), v.get(CMDLINE), v.get(ROOT_IMAGE), v.get(OVERLAY),
            v.get(NFS_SERVER), advance == null ? null : StagePolicy.fromCode(advance), bmc);
    }

    static BootOverride override(Map<ClassKey, String> v) {
        return new BootOverride(v.get(KERNEL), v.get(INITRD), v.get(CMDLINE));
    }
}
