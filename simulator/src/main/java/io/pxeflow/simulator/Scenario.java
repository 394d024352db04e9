package io.pxeflow.simulator;

import java.util.Locale;
import java.util.Random;

/** A named mix of node behaviours and fleet-wide events. */
public enum Scenario {
    BOOT_STORM("boot-storm", 0, 0, 0, 0, 0, false, false),
    REPROVISION_WAVE("reprovision-wave", 0, 0, 0, 0, 0, true, false),
    FLAPPING("flapping", 20, 0, 0, 0, 0, false, false),
    BOOT_LOOP("boot-loop", 0, 10, 0, 0, 0, false, false),
    DYING("dying", 0, 0, 10, 5, 0, false, false),
    UNKNOWN_MACS("unknown-macs", 0, 0, 0, 0, 10, false, true),
    MIXED("mixed", 10, 5, 5, 5, 5, true, true);

    private final String code;
    private final int flappingPct;
    private final int bootLoopPct;
    private final int dyingSilentPct;
    private final int dyingReleasePct;
    private final int unknownMacPct;
    private final boolean reprovisionWaves;
    private final boolean unknownMacs;

    Scenario(String code, int flappingPct, int bootLoopPct, int dyingSilentPct, int dyingReleasePct, int unknownMacPct,
             boolean reprovisionWaves, boolean unknownMacs) {
        this.code = code;
        this.flappingPct = flappingPct;
        this.bootLoopPct = bootLoopPct;
        this.dyingSilentPct = dyingSilentPct;
        this.dyingReleasePct = dyingReleasePct;
        this.unknownMacPct = unknownMacPct;
        this.reprovisionWaves = reprovisionWaves;
        this.unknownMacs = unknownMacs;
    }

    public String code() {
        return code;
    }

    public boolean reprovisionWaves() {
        return reprovisionWaves;
    }

    /** How many unknown clients DHCP alongside {@code nodes} known ones. */
    public int unknownMacs(int nodes) {
        return unknownMacs ? Math.max(1, nodes * unknownMacPct / 100) : 0;
    }

    public Behaviour pick(Random random) {
        int r = random.nextInt(100);
        int edge = flappingPct;
        if (r < edge) {
            return Behaviour.FLAPPING;
        }
        edge += bootLoopPct;
        if (r < edge) {
            return Behaviour.BOOT_LOOP;
        }
        edge += dyingSilentPct;
        if (r < edge) {
            return Behaviour.DYING_SILENT;
        }
        edge += dyingReleasePct;
        if (r < edge) {
            return Behaviour.DYING_RELEASE;
        }
        return Behaviour.HEALTHY;
    }

    public static Scenario fromCode(String code) {
        String c = code.trim().toLowerCase(Locale.ROOT);
        for (Scenario s : values()) {
            if (s.code.equals(c)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + code + " (known: boot-storm, reprovision-wave, flapping, "
            + "boot-loop, dying, unknown-macs, mixed)");
    }
}
