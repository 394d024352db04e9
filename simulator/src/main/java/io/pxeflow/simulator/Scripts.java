package io.pxeflow.simulator;

import io.pxeflow.controller.domain.ControllerPolicy;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.simulator.model.ReferenceModel;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each synthetic node does, step by step, as a DHCP server, a TFTP server and a reporter
 * would see it. Every step tells the reference model what it did as it sends it; all steps run
 * on the player's thread.
 */
final class Scripts {
    private static final Logger LOG = LoggerFactory.getLogger(Scripts.class);
    private static final long DHCP_RETRY_MILLIS = 1_000;
    private static final long BOOT_LOOP_CYCLE_MILLIS = 3_000;
    private static final long POWER_CYCLE_MILLIS = 2_000;
    private static final long APPLIED_POLL_MILLIS = 250;
    private static final long APPLIED_WAIT_MILLIS = 120_000;

    private final Player player;
    private final Outbox out;
    private final ReferenceModel model;
    private final ConfigStatusTracker tracker;
    private final Timing timing;
    private final ControllerPolicy policy;
    private final Random random;
    private final boolean generatorReports;

    /** {@code generatorReports}: a generator reports applied configs to {@code tracker}. */
    Scripts(Player player, Outbox out, ReferenceModel model, ConfigStatusTracker tracker, Timing timing,
            ControllerPolicy policy, Random random, boolean generatorReports) {
        this.player = player;
        this.out = out;
        this.model = model;
        this.tracker = tracker;
        this.timing = timing;
        this.policy = policy;
        this.random = random;
        this.generatorReports = generatorReports;
    }

    /** Powers the node on at {@code at} and lets it follow its behaviour from there. */
    void start(NodeRun r, long at) {
        if (r.node.behaviour() == Behaviour.BOOT_LOOP) {
            bootLoop(r, at, policy.bootLoopAnswers());
        } else {
            powerOn(r, at, () -> afterUp(r));
        }
    }

    /** One boot: DHCP (sometimes retried), the PXE answer, then installer or OS, then heartbeats. */
    void powerOn(NodeRun r, long at, Runnable onUp) {
        long t = dhcpExchange(r, at);
        player.at(t + 150, () -> out.pxe(r.name(), Wire.tftp(r.node.mac(), r.node.ip(), Wire.bootloader(), 26_000, Instant.now())));
        player.at(t + 200, () -> {
            boolean netboot = pxeAnswer(r);
            if (!netboot) {
                player.after(timing.bootMillis(), () -> beginBeating(r, onUp));
                return;
            }
            images(r);
            if (r.node.sequence() == BootSequence.PXE) {
                player.after(timing.bootMillis(), () -> beginBeating(r, onUp));
                return;
            }
            // The installer runs, reports, and the node reboots into what it was told next (its disk).
            // Reported from the installer's own boot, which sends no heartbeats.
            String installer = UUID.randomUUID().toString();
            player.after(timing.installMillis(), () -> {
                model.installComplete(r.name(), installer);
                out.installed(InstallReport.of(r.name(), installer, Instant.now(), null));
            });
            powerOn(r, player.now() + timing.installMillis() + 1_000, onUp);
        });
    }

    /** Answers, images, answers again, and never a heartbeat: a node stuck before its OS. */
    private void bootLoop(NodeRun r, long at, int cycles) {
        for (int i = 0; i < cycles; i++) {
            long t = dhcpExchange(r, at + i * BOOT_LOOP_CYCLE_MILLIS);
            player.at(t + 200, () -> {
                if (pxeAnswer(r)) {
                    images(r);
                }
            });
        }
    }

    private long dhcpExchange(NodeRun r, long at) {
        long t = at;
        player.at(t, () -> {
            r.beating = false;
            discover(r);
        });
        if (random.nextInt(10) == 0) {
            // No OFFER reached the client: its firmware sends DISCOVER again.
            t += DHCP_RETRY_MILLIS;
            player.at(t, () -> discover(r));
        }
        player.at(t + 20, () -> {
            model.dhcpRequest(r.name());
            out.dhcp(r.name(), Wire.dhcp(DhcpMessageType.REQUEST, r.node.mac(), r.node.ip(), Instant.now()));
        });
        player.at(t + 30, () -> {
            model.dhcpRequest(r.name());
            out.dhcp(r.name(), Wire.dhcp(DhcpMessageType.ACK, r.node.mac(), r.node.ip(), Instant.now()));
        });
        return t;
    }

    private void discover(NodeRun r) {
        model.dhcpDiscover(r.name());
        out.dhcp(r.name(), Wire.dhcp(DhcpMessageType.DISCOVER, r.node.mac(), null, Instant.now()));
        out.dhcp(r.name(), Wire.dhcp(DhcpMessageType.OFFER, r.node.mac(), r.node.ip(), Instant.now()));
    }

    /** The node's own config file is served; returns whether it was the netboot answer. */
    private boolean pxeAnswer(NodeRun r) {
        long before = model.generation(r.name());
        Instant now = Instant.now();
        boolean netboot = model.pxeAnswered(r.name());
        out.pxe(r.name(), Wire.tftp(r.node.mac(), r.node.ip(), Wire.pxelinuxConfig(r.node.mac()), 400, now));
        long after = model.generation(r.name());
        if (after > before) {
            tracker.expect(r.name(), after, now.toEpochMilli());
        }
        return netboot;
    }

    private void images(NodeRun r) {
        player.after(100, () -> {
            model.imageServed(r.name());
            out.pxe(r.name(), Wire.tftp(r.node.mac(), r.node.ip(), "images/sim/vmlinuz", 12_000_000, Instant.now()));
        });
        player.after(150, () -> {
            model.imageServed(r.name());
            out.pxe(r.name(), Wire.tftp(r.node.mac(), r.node.ip(), "images/sim/initrd.img", 80_000_000, Instant.now()));
        });
    }

    private void beginBeating(NodeRun r, Runnable onUp) {
        r.bootId = UUID.randomUUID().toString();
        r.seq = 0;
        r.boots++;
        r.nextBeat = player.now();
        r.beating = true;
        if (onUp != null) {
            onUp.run();
        }
    }

    private void afterUp(NodeRun r) {
        long settled = 2 * timing.heartbeatMillis() + 500;
        switch (r.node.behaviour()) {
            case FLAPPING -> {
                long silence = (policy.staleAfterIntervals() + 2L) * timing.heartbeatMillis();
                player.after(settled, () -> r.beating = false);
                player.after(settled + silence, () -> {
                    r.nextBeat = player.now();
                    r.beating = true;
                });
                // Then one reboot, with a new boot id; it ends up, like a healthy node.
                powerOn(r, player.now() + settled + silence + settled, null);
            }
            case DYING_SILENT -> player.after(settled, () -> r.beating = false);
            case DYING_RELEASE -> {
                player.after(settled, () -> r.beating = false);
                player.after(settled + 500, () -> {
                    model.dhcpRelease(r.name());
                    out.dhcp(r.name(), Wire.dhcp(DhcpMessageType.RELEASE, r.node.mac(), r.node.ip(), Instant.now()));
                });
            }
            default -> {
                // HEALTHY and BOOT_LOOP nodes have nothing more to do here.
            }
        }
    }

    /** One heartbeat pass: every beating node whose interval has elapsed sends one. */
    void pump(List<NodeRun> runs) {
        long now = player.now();
        for (NodeRun r : runs) {
            if (r.beating && r.nextBeat <= now) {
                Instant at = Instant.now();
                model.heartbeat(r.name(), r.bootId, timing.heartbeatSeconds(), at);
                out.heartbeat(Wire.heartbeat(r.name(), r.bootId, ++r.seq, timing.heartbeatSeconds(), at));
                r.nextBeat = Math.max(r.nextBeat + timing.heartbeatMillis(), now);
            }
        }
    }

    /** The admin reprovisions a running node, then power-cycles it: it reinstalls and comes back on its disk. */
    void reprovision(NodeRun r, boolean wipe) {
        if (!r.beating) {
            return;
        }
        long before = model.generation(r.name());
        model.reprovision(r.name(), wipe);
        long after = model.generation(r.name());
        out.command(new Command.Reprovision(r.name(), Wire.meta(Instant.now()), wipe));
        long due = player.now() + POWER_CYCLE_MILLIS;
        if (after > before && generatorReports) {
            powerCycleOnceApplied(r, after, due, due + APPLIED_WAIT_MILLIS);
        } else {
            powerOn(r, due, null);
        }
    }

    /**
     * The node can only boot the installer once its boot file says so: before the generator has
     * applied the reprovision, a real TFTP server would still serve "boot next". So the power
     * cycle waits for that (as an admin watching {@code ctl} would); with a controller that is
     * quick, that is the usual 2 s, and while it is down or catching up, longer. After
     * {@code giveUp} it powers on anyway and the comparison shows what happened.
     */
    private void powerCycleOnceApplied(NodeRun r, long generation, long at, long giveUp) {
        player.at(at, () -> {
            boolean applied = tracker.appliedAtLeast(List.of(r.name()), generation) == 1;
            if (applied || player.now() >= giveUp) {
                if (!applied) {
                    LOG.warn("simulator: node {}: generation {} (its reprovision) not applied after {} s; power-cycling anyway",
                        r.name(), generation, APPLIED_WAIT_MILLIS / 1000);
                }
                powerOn(r, player.now(), null);
            } else {
                powerCycleOnceApplied(r, generation, player.now() + APPLIED_POLL_MILLIS, giveUp);
            }
        });
    }

    /** A client nobody registered: it DHCPs and fetches the bootloader, and must be listed as discovered. */
    void unknownClient(MacAddress mac, long at) {
        player.at(at, () -> {
            model.unknownMac(mac);
            out.dhcp(null, Wire.dhcp(DhcpMessageType.DISCOVER, mac, null, Instant.now()));
        });
        player.at(at + 200, () -> out.pxe(null, Wire.tftp(mac, null, Wire.bootloader(), 26_000, Instant.now())));
    }
}
