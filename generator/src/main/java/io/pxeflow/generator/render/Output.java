package io.pxeflow.generator.render;

import java.util.Locale;

/** One kind of generated file; each can be enabled, validated and reloaded on its own. */
public enum Output {
    DHCPD("dhcpd"),
    DNSMASQ("dnsmasq"),
    KEA("kea"),
    PXELINUX("pxelinux"),
    IPXE("ipxe"),
    GRUB("grub"),
    HOSTS("hosts"),
    ETHERS("ethers"),
    EXPORTS("exports"),
    OVERLAYS("overlays"),
    CLUSTER_CONF("clusterconf");

    private final String code;

    Output(String code) {
        this.code = code;
    }

    /** The name used in settings keys ({@code reload.dhcpd}) and metric tags. */
    public String code() {
        return code;
    }

    public static Output fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Output o : values()) {
            if (o.code.equals(c)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown output " + code + " (known: dhcpd, dnsmasq, kea, pxelinux, ipxe, "
            + "grub, hosts, ethers, exports, overlays, clusterconf)");
    }
}
