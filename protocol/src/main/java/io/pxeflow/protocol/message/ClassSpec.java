package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.field.InvalidFieldException;

/**
 * A boot class: what a node of this class is given at its PXE stage (ClusterWare's
 * {@code class NAME kernelimage|initrdimage|kernelcommandline}), plus pxeflow's own keys.
 * Image fields may be {@code "none"} (ClusterWare: nothing of that kind is served) or null
 * (not set). Any field but the name may be null. {@code bmc} holds the BMC defaults of the
 * class's nodes: protocol and credentials name, never an address (that is one machine's).
 */
public record ClassSpec(
        String name,
        String kernel,
        String initrd,
        String cmdline,
        String rootImage,
        String overlay,
        String nfsServer,
        StagePolicy advance,
        BmcSpec bmc) {

    public static final String NONE = "none";
    public static final String DEFAULT_NAME = "default";

    public ClassSpec {
        Fields.name("class", name);
        // In a ClusterWare "node 15 centos pxe+local pxe MAC" line the class sits between the
        // index and the boot sequence: a class named like either could not be read back.
        if ("pxe".equals(name) || "local".equals(name) || NONE.equals(name) || name.chars().allMatch(Character::isDigit)) {
            throw new InvalidFieldException("class", "reserved word, a class cannot be named " + Printable.quote(name)
                + " (it reads as a boot stage, an index or 'none')");
        }
        if (kernel != null) {
            Fields.path("kernelimage", kernel);
        }
        if (initrd != null) {
            Fields.path("initrdimage", initrd);
        }
        if (cmdline != null) {
            Fields.cmdline("kernelcommandline", cmdline);
        }
        if (rootImage != null) {
            Fields.path("rootimage", rootImage);
        }
        if (overlay != null) {
            Fields.path("overlay", overlay);
        }
        if (nfsServer != null) {
            Fields.hostname("nfsserver", nfsServer);
        }
        if (bmc != null && bmc.isEmpty()) {
            bmc = null;
        }
        if (bmc != null && bmc.address() != null) {
            throw new InvalidFieldException("bmc.address", "a class gives its nodes a BMC protocol and credentials, "
                + "not an address: set the address on each node");
        }
    }

    /** A class without BMC defaults. */
    public ClassSpec(String name, String kernel, String initrd, String cmdline, String rootImage, String overlay,
                     String nfsServer, StagePolicy advance) {
        this(name, kernel, initrd, cmdline, rootImage, overlay, nfsServer, advance, null);
    }

    public static ClassSpec named(String name) {
        return new ClassSpec(name, null, null, null, null, null, null, null);
    }

    public StagePolicy advanceOrDefault() {
        return advance == null || advance == StagePolicy.UNKNOWN ? StagePolicy.ON_PXE_SERVED : advance;
    }

    /** True when this class hands the node a kernel (not "none", not unset). */
    public boolean servesKernel() {
        return kernel != null && !NONE.equals(kernel);
    }

    public ClassSpec withKernel(String v) {
        return new ClassSpec(name, v, initrd, cmdline, rootImage, overlay, nfsServer, advance, bmc);
    }

    public ClassSpec withInitrd(String v) {
        return new ClassSpec(name, kernel, v, cmdline, rootImage, overlay, nfsServer, advance, bmc);
    }

    public ClassSpec withCmdline(String v) {
        return new ClassSpec(name, kernel, initrd, v, rootImage, overlay, nfsServer, advance, bmc);
    }

    /** This class with every field of {@code override} that is set taking precedence. */
    public ClassSpec overriddenBy(BootOverride override) {
        if (override == null) {
            return this;
        }
        return new ClassSpec(name,
                override.kernel() != null ? override.kernel() : kernel,
                override.initrd() != null ? override.initrd() : initrd,
                override.cmdline() != null ? override.cmdline() : cmdline,
                rootImage, overlay, nfsServer, advance, bmc);
    }
}
