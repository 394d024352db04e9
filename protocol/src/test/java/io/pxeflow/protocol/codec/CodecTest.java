package io.pxeflow.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigRecord;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.NodeStatus;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CodecTest {

    static <T> T ok(Decoded<T> decoded) {
        if (decoded instanceof Decoded.Ok<T> ok) {
            return ok.value();
        }
        throw new AssertionError("expected Ok, got " + decoded);
    }

    static String failure(Decoded<?> decoded) {
        return assertInstanceOf(Decoded.Failure.class, decoded, () -> "expected Failure, got " + decoded).reason();
    }

    static Stream<Arguments> everyWireType() {
        Stream<Arguments> fixed = Stream.of(
            Arguments.of(Codec.DHCP, Samples.dhcp()),
            Arguments.of(Codec.PXE, Samples.pxe()),
            Arguments.of(Codec.HEARTBEAT, Samples.heartbeat()),
            Arguments.of(Codec.INSTALL_REPORT, Samples.installReport()),
            Arguments.of(Codec.CONFIG, Samples.bootConfig()),
            Arguments.of(Codec.CONFIG, Samples.host()),
            Arguments.of(Codec.CONFIG_APPLIED, Samples.applied()),
            Arguments.of(Codec.EVENT, Samples.event()),
            Arguments.of(Codec.NODE_STATE, Samples.state()),
            Arguments.of(Codec.DISCOVERED, Samples.discovered()),
            Arguments.of(Codec.DEAD_LETTER, Samples.deadLetter()),
            Arguments.of(Codec.INVENTORY, Samples.inventory()),
            Arguments.of(Codec.POWER_REQUEST, Samples.powerRequest()));
        return Stream.of(fixed, Samples.commands().stream().map(c -> Arguments.of(Codec.COMMAND, c)),
            Samples.powerResults().stream().map(r -> Arguments.of(Codec.POWER_RESULT, r))).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyWireType")
    <T> void roundTripsWithSchemaVersion(Codec<T> codec, T value) {
        String json = codec.encodeToString(value);
        assertTrue(json.startsWith("{\"v\":1,") || json.contains("\"v\":1"), json);
        assertEquals(value, ok(codec.decode(json)));
        assertEquals(value, ok(codec.decode(codec.encode(value))));
    }

    @Test
    void unknownFieldsAreIgnored() {
        String json = Codec.DHCP.encodeToString(Samples.dhcp()).replaceFirst("\\{", "{\"future\":{\"x\":[1,2]},\"y\":\"z\",");
        assertEquals(Samples.dhcp(), ok(Codec.DHCP.decode(json)));
    }

    @Test
    void unknownEnumCodesDecodeToUnknown() {
        String dhcp = Codec.DHCP.encodeToString(Samples.dhcp()).replace("\"ack\"", "\"lease-renamed\"");
        assertEquals(DhcpMessageType.UNKNOWN, ok(Codec.DHCP.decode(dhcp)).type());
        String pxe = Codec.PXE.encodeToString(Samples.pxe()).replace("\"tftp\"", "\"nfs\"").replace("\"sent\"", "\"maybe\"");
        PxeEvent event = ok(Codec.PXE.decode(pxe));
        assertEquals(PxeTransport.UNKNOWN, event.transport());
        assertEquals(PxeOutcome.UNKNOWN, event.outcome());
        String state = Codec.NODE_STATE.encodeToString(Samples.state()).replace("\"up\"", "\"hibernating\"");
        assertEquals(NodeStatus.UNKNOWN, ok(Codec.NODE_STATE.decode(state)).status());
    }

    @Test
    void nodeStateWrittenBeforeWipeServedExisted_decodesAsNotServed() {
        String json = Codec.NODE_STATE.encodeToString(Samples.state());
        assertTrue(json.contains("\"wipeServed\":false"), json);
        String older = json.replace(",\"wipeServed\":false", "").replace("\"wipeServed\":false,", "");
        assertEquals(Samples.state(), ok(Codec.NODE_STATE.decode(older)));
    }

    @Test
    void inventoryWrittenBeforeSubnetsExisted_decodesWithNone() {
        ClusterInventory sample = Samples.inventory();
        ClusterInventory withoutSubnets = new ClusterInventory(sample.nodeCount(), sample.namePattern(), sample.master(),
            sample.ipRange(), sample.hostRanges(), sample.classes(), sample.hosts());
        String json = Codec.INVENTORY.encodeToString(withoutSubnets);
        String older = json.replace(",\"subnets\":[]", "");
        assertTrue(!older.contains("subnets"), older);
        ClusterInventory decoded = ok(Codec.INVENTORY.decode(older));
        assertEquals(List.of(), decoded.subnets());
        assertEquals(withoutSubnets, decoded);
    }

    @Test
    void aSubnetWithAFieldFromALaterVersionDecodes_andAnInvalidOneIsAFailureNamingTheField() {
        String json = Codec.INVENTORY.encodeToString(Samples.inventory());
        String newer = json.replace("\"network\":\"172.20.4.0/22\"", "\"network\":\"172.20.4.0/22\",\"vlan\":12");
        assertEquals(Samples.inventory(), ok(Codec.INVENTORY.decode(newer)));
        String hostBits = json.replace("\"172.20.4.0/22\"", "\"172.20.4.1/22\"");
        assertTrue(failure(Codec.INVENTORY.decode(hostBits)).contains("host bits"), failure(Codec.INVENTORY.decode(hostBits)));
        String router = json.replace("\"172.20.4.1\"", "\"172.20.9.1\"");
        assertTrue(failure(Codec.INVENTORY.decode(router)).contains("router"), failure(Codec.INVENTORY.decode(router)));
    }

    @Test
    void newerSchemaVersionIsAFailureNamingTheVersion() {
        String json = Codec.DHCP.encodeToString(Samples.dhcp()).replace("\"v\":1", "\"v\":2");
        String reason = failure(Codec.DHCP.decode(json));
        assertTrue(reason.contains("version 2"), reason);
    }

    @Test
    void aSecondVersionFieldAfterTheCurrentOneIsStillChecked() {
        String json = Codec.HEARTBEAT.encodeToString(Samples.heartbeat());
        assertTrue(json.startsWith("{\"v\":1,"), json);
        String repeated = json.substring(0, json.length() - 1) + ",\"v\":2}";
        assertTrue(failure(Codec.HEARTBEAT.decode(repeated)).contains("version 2"));
        String escaped = json.substring(0, json.length() - 1) + ",\"\\u0076\":2}";
        assertTrue(failure(Codec.HEARTBEAT.decode(escaped)).contains("version 2"));
    }

    @Test
    void missingOrMistypedVersionIsAFailure() {
        String json = Codec.DHCP.encodeToString(Samples.dhcp()).replace("\"v\":1,", "");
        assertTrue(failure(Codec.DHCP.decode(json)).contains("\"v\""));
        String mistyped = failure(Codec.DHCP.decode(json.replaceFirst("\\{", "{\"v\":\"1\",")));
        assertTrue(mistyped.contains("whole number") && !mistyped.contains("missing"), mistyped);
        assertTrue(failure(Codec.DHCP.decode(json.replaceFirst("\\{", "{\"v\":0,"))).contains("version 0"));
    }

    @Test
    void classNamedLikeABootStageOrIndexIsRefused() {
        for (String reserved : List.of("pxe", "local", "none", "15")) {
            InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> ClassSpec.named(reserved));
            assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        }
        assertEquals("pxe-installer", ClassSpec.named("pxe-installer").name());
    }

    @Test
    void nodeWithoutBootSequenceNetbootsEveryTimeAsClusterWareDoes() {
        NodeSpec spec = new NodeSpec(15, "node15",
            List.of(MacAddress.of("00:a0:d1:e5:c4:6e")), null, null, null, null);
        assertEquals(BootSequence.PXE, spec.sequence());
    }

    @Test
    void invalidFieldIsAFailureNamingTheField() {
        String json = Codec.DHCP.encodeToString(Samples.dhcp()).replace("\"node15\"", "\"a\\nb\"");
        String reason = failure(Codec.DHCP.decode(json));
        assertTrue(reason.startsWith("invalid DhcpEvent: hostname:"), reason);
        assertTrue(!reason.contains("\n"), "reason stays on one line: " + reason);

        String put = Codec.COMMAND.encodeToString(Samples.commands().get(0)).replace("\"name\":\"node15\"", "\"name\":\"x;y\"");
        String putReason = failure(Codec.COMMAND.decode(put));
        assertTrue(putReason.contains("name: not an RFC 1123 host name: \"x;y\""), putReason);

    }

    @Test
    void invalidMacAndAddressAreFailures() {
        String json = Codec.DHCP.encodeToString(Samples.dhcp());
        assertTrue(failure(Codec.DHCP.decode(json.replace("00:a0:d1:e5:c4:6e", "00:a0:d1:e5:c4"))).contains("mac"));
        assertTrue(failure(Codec.DHCP.decode(json.replace("10.54.0.25", "10.54.0.256"))).contains("ip"));
    }

    @Test
    void commandsAreToldApartByType() {
        List<String> types = Samples.commands().stream()
            .map(c -> Codec.COMMAND.encodeToString(c).replaceAll(".*\"type\":\"([a-z-]+)\".*", "$1")).toList();
        assertEquals(List.of("put-node", "put-node", "remove-node", "reprovision", "set-stage", "set-class", "wipe", "install-complete"), types);
        Command decoded = ok(Codec.COMMAND.decode(Codec.COMMAND.encodeToString(Samples.commands().get(4))));
        assertEquals(BootStage.LOCAL, assertInstanceOf(Command.SetStage.class, decoded).stage());
    }

    @Test
    void unknownOrMissingCommandTypeIsAFailure() {
        String json = Codec.COMMAND.encodeToString(Samples.commands().get(2));
        assertTrue(failure(Codec.COMMAND.decode(json.replace("\"remove-node\"", "\"reboot\""))).contains("reboot"));
        failure(Codec.COMMAND.decode(json.replace("\"type\":\"remove-node\",", "")));
        failure(Codec.COMMAND.decode(json.replace("\"node15\"", "\"node 15\"")));
    }

    @Test
    void configRecordsAreToldApartByKind() {
        assertTrue(Codec.CONFIG.encodeToString(Samples.host()).contains("\"kind\":\"host\""));
        assertTrue(Codec.CONFIG.encodeToString(Samples.bootConfig()).contains("\"kind\":\"node\""));
        ConfigRecord r = ok(Codec.CONFIG.decode(Codec.CONFIG.encodeToString(Samples.host())));
        assertEquals("host/00:a0:d1:e9:87:ca", r.key());
    }

    @Test
    void setStageToUnknownIsRefused() {
        String json = Codec.COMMAND.encodeToString(Samples.commands().get(4)).replace("\"local\"", "\"halfway\"");
        assertTrue(failure(Codec.COMMAND.decode(json)).contains("stage"));
    }

    @Test
    void defaultsApplyToAbsentOptionalFields() {
        String json = "{\"v\":1,\"type\":\"discover\",\"mac\":\"00A0.D1E5.C46E\",\"time\":\"2024-05-01T12:00:00Z\"}";
        DhcpEvent e = ok(Codec.DHCP.decode(json));
        assertEquals("00:a0:d1:e5:c4:6e", e.mac().value());
        assertEquals(null, e.ip());
        String full = Codec.COMMAND.encodeToString(Samples.commands().get(0));
        String spec = full.replace("\"sequence\":\"pxe+local\",", "");
        assertTrue(spec.length() < full.length(), "the sequence field was taken out: " + spec);
        // NodeSpec's documented default: a node that says no sequence netboots every time.
        assertEquals(BootSequence.PXE, ((Command.PutNode) ok(Codec.COMMAND.decode(spec))).spec().sequence());
    }

    @Test
    void garbageIsAFailureNotAnException() {
        for (String s : new String[] {"", "null", "[]", "42", "\"x\"", "{", "{\"v\":1}", "{\"v\":1} {}", "{\"v\":1,\"mac\":[]}",
            "[".repeat(10_000), "{\"v\":1,\"type\":" + "[".repeat(100) + "}"}) {
            failure(Codec.DHCP.decode(s));
        }
        failure(Codec.DHCP.decode((byte[]) null));
        failure(Codec.DHCP.decode(new byte[] {(byte) 0xff, (byte) 0xfe, 0}));
        failure(Codec.DHCP.decode(new byte[Json.MAX_MESSAGE_BYTES + 1]));
    }
}
