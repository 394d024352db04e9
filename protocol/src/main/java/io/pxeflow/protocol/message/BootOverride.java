package io.pxeflow.protocol.message;

import io.pxeflow.protocol.field.Fields;

/** Per-node image settings that win over the class ({@code kernelimage 15 /boot/memtest}). */
public record BootOverride(String kernel, String initrd, String cmdline) {
    public BootOverride {
        if (kernel != null) {
            Fields.path("kernelimage", kernel);
        }
        if (initrd != null) {
            Fields.path("initrdimage", initrd);
        }
        if (cmdline != null) {
            Fields.cmdline("kernelcommandline", cmdline);
        }
    }

    public boolean isEmpty() {
        return kernel == null && initrd == null && cmdline == null;
    }
}
