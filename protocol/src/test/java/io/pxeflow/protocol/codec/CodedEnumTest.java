package io.pxeflow.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Coded;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import io.pxeflow.protocol.message.StagePolicy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Wire codes never change once released: this test is the list of them. */
class CodedEnumTest {

    static <E extends Enum<E> & Coded> Map<E, String> codes(Class<E> type) {
        Map<E, String> out = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(e -> out.put(e, e.code()));
        return out;
    }

    static <E extends Enum<E> & Coded> void assertCodes(Class<E> type, Function<String, E> fromCode, String... expected) {
        assertEquals(List.of(expected), List.copyOf(codes(type).values()), type.getSimpleName());
        for (E e : type.getEnumConstants()) {
            assertEquals(e, fromCode.apply(e.code()));
            assertEquals(e, fromCode.apply(e.code().toUpperCase(java.util.Locale.ROOT)), "codes are case-insensitive");
        }
        E unknown = Enum.valueOf(type, "UNKNOWN");
        assertEquals(unknown, fromCode.apply("never-heard-of-it"));
        assertEquals(unknown, fromCode.apply(null));
    }

    @Test
    void bootSequence() {
        assertCodes(BootSequence.class, BootSequence::fromCode, "pxe+local", "pxe", "local", "unknown");
        assertEquals(BootSequence.PXE_LOCAL, BootSequence.fromCode("pxe+local"));
    }

    @Test
    void bootStage() {
        assertCodes(BootStage.class, BootStage::fromCode, "pxe", "local", "unknown");
    }

    @Test
    void nodeStatus() {
        assertCodes(NodeStatus.class, NodeStatus::fromCode, "registered", "dhcp", "netbooting", "booting", "up", "stale",
            "down", "boot-loop", "unknown");
        assertEquals(NodeStatus.BOOT_LOOP, NodeStatus.fromCode("boot-loop"));
    }

    @Test
    void stagePolicy() {
        assertCodes(StagePolicy.class, StagePolicy::fromCode, "on-pxe-served", "on-install-complete", "unknown");
    }

    @Test
    void dhcpMessageType() {
        assertCodes(DhcpMessageType.class, DhcpMessageType::fromCode, "discover", "offer", "request", "ack", "nak",
            "release", "decline", "inform", "lease-add", "lease-old", "lease-del", "unknown");
    }

    @Test
    void pxeTransportAndOutcome() {
        assertCodes(PxeTransport.class, PxeTransport::fromCode, "tftp", "http", "ipxe-endpoint", "unknown");
        assertCodes(PxeOutcome.class, PxeOutcome::fromCode, "sent", "not-found", "failed", "unknown");
    }

    @Test
    void configOutcome() {
        assertCodes(ConfigOutcome.class, ConfigOutcome::fromCode, "applied", "refused", "failed", "unknown");
    }

    @Test
    void lifecycleKind() {
        assertCodes(LifecycleKind.class, LifecycleKind::fromCode, "node-added", "node-updated", "node-removed",
            "stage-changed", "status-changed", "rebooted", "boot-loop", "reprovision", "wipe-requested",
            "install-complete", "config-published", "config-applied", "config-refused", "discovered",
            "command-rejected", "command-applied", "power", "power-failed", "unknown");
    }

    @Test
    void power() {
        assertCodes(BmcProtocol.class, BmcProtocol::fromCode, "ipmi", "redfish", "unknown");
        assertCodes(PowerAction.class, PowerAction::fromCode, "status", "on", "off", "cycle", "reset", "unknown");
        assertCodes(PowerState.class, PowerState::fromCode, "on", "off", "unknown");
        assertCodes(PowerOutcome.class, PowerOutcome::fromCode, "succeeded", "failed", "unknown");
        assertCodes(PowerFailure.class, PowerFailure::fromCode, "timeout", "unreachable", "auth", "credentials",
            "unsupported", "bmc-error", "tls", "expired", "tool-missing", "unknown");
    }

    @Test
    void codesAreWhatJsonCarries() {
        assertEquals("\"pxe+local\"", new String(new Codec<>(BootSequence.class).encode(BootSequence.PXE_LOCAL),
            java.nio.charset.StandardCharsets.UTF_8));
    }
}
