package io.pxeflow.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.protocol.message.NodeSpec;
import io.pxeflow.protocol.message.StagePolicy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class CodecPropertyTest {
    private static final List<Codec<?>> ALL = List.of(Codec.DHCP, Codec.PXE, Codec.HEARTBEAT, Codec.COMMAND, Codec.CONFIG,
        Codec.CONFIG_APPLIED, Codec.EVENT, Codec.NODE_STATE, Codec.DISCOVERED, Codec.DEAD_LETTER, Codec.INVENTORY);
    private static final List<String> VALID = List.of(
        Codec.DHCP.encodeToString(Samples.dhcp()), Codec.PXE.encodeToString(Samples.pxe()),
        Codec.HEARTBEAT.encodeToString(Samples.heartbeat()), Codec.COMMAND.encodeToString(Samples.commands().get(0)),
        Codec.CONFIG.encodeToString(Samples.bootConfig()), Codec.NODE_STATE.encodeToString(Samples.state()),
        Codec.INVENTORY.encodeToString(Samples.inventory()));

    @Property(tries = 300)
    void dhcpEventsRoundTrip(@ForAll("dhcpEvents") DhcpEvent e) {
        assertEquals(e, CodecTest.ok(Codec.DHCP.decode(Codec.DHCP.encode(e))));
    }

    @Property(tries = 300)
    void heartbeatsRoundTrip(@ForAll("heartbeats") Heartbeat h) {
        assertEquals(h, CodecTest.ok(Codec.HEARTBEAT.decode(Codec.HEARTBEAT.encode(h))));
    }

    @Property(tries = 300)
    void bootConfigsRoundTrip(@ForAll("bootConfigs") NodeBootConfig c) {
        assertEquals(c, CodecTest.ok(Codec.CONFIG.decode(Codec.CONFIG.encode(c))));
    }

    @Property(tries = 300)
    void commandsRoundTrip(@ForAll("commands") Command c) {
        assertEquals(c, CodecTest.ok(Codec.COMMAND.decode(Codec.COMMAND.encode(c))));
    }

    @Property(tries = 500)
    void everyMacSpellingNormalisesToTheSameValue(@ForAll("macBytes") byte[] b, @ForAll boolean upper) {
        StringBuilder hex = new StringBuilder();
        for (byte x : b) {
            hex.append(String.format("%02x", x & 0xff));
        }
        String h = upper ? hex.toString().toUpperCase(java.util.Locale.ROOT) : hex.toString();
        String colon = h.replaceAll("(..)(?!$)", "$1:");
        MacAddress expected = MacAddress.of(colon);
        assertEquals(hex.toString().replaceAll("(..)(?!$)", "$1:"), expected.value());
        assertEquals(expected, MacAddress.of(h.replaceAll("(..)(?!$)", "$1-")));
        assertEquals(expected, MacAddress.of(h.replaceAll("(....)(?!$)", "$1.")));
        assertEquals(expected, MacAddress.of(h));
        assertEquals("01-" + expected.value().replace(':', '-'), expected.pxelinuxName());
    }

    @Property(tries = 700)
    void randomBytesNeverThrow(@ForAll byte[] bytes) {
        ALL.forEach(codec -> assertNotNull(codec.decode(bytes)));
    }

    @Property(tries = 700)
    void randomStringsNeverThrow(@ForAll String s) {
        ALL.forEach(codec -> assertNotNull(codec.decode(s)));
    }

    @Property(tries = 700)
    void truncatedValidJsonNeverThrows(@ForAll @IntRange(max = 6) int which, @ForAll @IntRange(max = 2000) int cut) {
        String json = VALID.get(which);
        String truncated = json.substring(0, Math.min(cut, json.length()));
        ALL.forEach(codec -> assertNotNull(codec.decode(truncated)));
    }

    @Property(tries = 700)
    void mutatedValidJsonNeverThrows(@ForAll @IntRange(max = 6) int which, @ForAll("mutations") List<int[]> edits) {
        byte[] json = VALID.get(which).getBytes(StandardCharsets.UTF_8);
        for (int[] edit : edits) {
            json[Math.floorMod(edit[0], json.length)] = (byte) edit[1];
        }
        byte[] mutated = json;
        ALL.forEach(codec -> assertNotNull(codec.decode(mutated)));
    }

    @Property(tries = 300)
    void tokenSwapsInValidJsonNeverThrow(@ForAll @IntRange(max = 6) int which, @ForAll("jsonValues") String value,
                                         @ForAll @IntRange(max = 40) int nth) {
        String json = VALID.get(which);
        // Replace the nth value (after a colon) with an arbitrary JSON value: wrong types, nulls, huge numbers.
        String[] parts = json.split(":", -1);
        if (parts.length < 2) {
            return;
        }
        int i = 1 + Math.floorMod(nth, parts.length - 1);
        String rest = parts[i].replaceFirst("^(\"[^\"]*\"|[^,}\\]]*)", "");
        parts[i] = value + rest;
        String mutated = String.join(":", parts);
        ALL.forEach(codec -> assertNotNull(codec.decode(mutated)));
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Combinators.combine(Arbitraries.integers(), Arbitraries.of((int) '"', (int) '{', (int) '}', (int) '[',
                (int) ']', (int) ',', (int) ':', (int) '\\', (int) '0', (int) 'x', (int) ' ', (int) '-', (int) 'e', (int) '\n', 0x80, 0xff))
            .as((pos, b) -> new int[] {pos, b}).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> jsonValues() {
        return Arbitraries.of("null", "true", "1", "-1", "1e999", "99999999999999999999", "1.5", "\"\"", "\"x\"", "[]",
            "{}", "[null]", "{\"type\":\"wipe\"}", "\"\\u0000\"", "\"pxe\"", "\"00:00:00:00:00:00\"", "\"2024-13-45T99:00:00Z\"");
    }

    @Provide
    Arbitrary<byte[]> macBytes() {
        // A client's address: the group bit clear, not all zeros (those are refused).
        return Arbitraries.bytes().array(byte[].class).ofSize(6).map(b -> {
            b[0] = (byte) (b[0] & 0xfe);
            if (java.util.Arrays.equals(b, new byte[6])) {
                b[5] = 1;
            }
            return b;
        });
    }

    @Provide
    Arbitrary<DhcpEvent> dhcpEvents() {
        return Combinators.combine(Arbitraries.of(DhcpMessageType.class), macs(), ips().injectNull(0.2),
                printable(40).injectNull(0.3), printable(60).injectNull(0.3), Arbitraries.integers().between(0, 40).injectNull(0.3),
                instants())
            .as((type, mac, ip, host, vendor, arch, time) -> new DhcpEvent(type, mac, ip, host, vendor, null, arch, "eth0", null, time));
    }

    @Provide
    Arbitrary<Heartbeat> heartbeats() {
        Arbitrary<Double> d = Arbitraries.doubles().between(0, 1e6).injectNull(0.2);
        Arbitrary<Long> l = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
        Arbitrary<List<Heartbeat.FilesystemUsage>> fs = Combinators.combine(printable(30), Arbitraries.longs(), Arbitraries.longs())
            .as((m, a, b) -> new Heartbeat.FilesystemUsage(m, "/dev/x", "xfs", a, b, b)).list().ofMaxSize(3);
        return Combinators.combine(hostnames(), Arbitraries.strings().withCharRange('a', 'f').numeric().ofMinLength(1).ofMaxLength(36),
                Arbitraries.longs().greaterOrEqual(0), instants(), Arbitraries.integers().between(1, 3600), d, l, fs)
            .as((node, boot, seq, time, interval, load, mem, filesystems) -> new Heartbeat(node, boot, seq, time, interval,
                "0.1.0", null, load, load, null, null, null, null, null, mem, mem, null, null, filesystems, List.of()));
    }

    @Provide
    Arbitrary<NodeBootConfig> bootConfigs() {
        return Combinators.combine(nodeSpecs(), Arbitraries.of(BootStage.PXE, BootStage.LOCAL), Arbitraries.of(true, false),
                Arbitraries.longs().between(1, Long.MAX_VALUE), instants())
            .as((spec, stage, wipe, gen, time) -> new NodeBootConfig(spec.name(), spec.index(), spec.macs(), spec.ip(),
                spec.sequence(), stage, spec.effectiveClass(), wipe, gen, time));
    }

    @Provide
    Arbitrary<Command> commands() {
        Arbitrary<Command.Meta> meta = Combinators.combine(
                Arbitraries.strings().alpha().numeric().withChars("-:._").ofMinLength(1).ofMaxLength(20)
                    .filter(s -> Character.isLetterOrDigit(s.charAt(0))),
                printable(20).injectNull(0.3), instants())
            .as(Command.Meta::new);
        return Combinators.combine(nodeSpecs(), meta, Arbitraries.integers().between(0, 7), classes(),
                Arbitraries.of(BootStage.PXE, BootStage.LOCAL))
            .as((spec, m, kind, cls, stage) -> switch (kind) {
                case 0 -> new Command.PutNode(spec.name(), m, spec, kind % 2 == 0 ? stage : null);
                case 1 -> new Command.RemoveNode(spec.name(), m);
                case 2 -> new Command.Reprovision(spec.name(), m, true);
                case 3 -> new Command.SetStage(spec.name(), m, stage);
                case 4 -> new Command.SetClass(spec.name(), m, cls);
                case 5 -> new Command.Wipe(spec.name(), m);
                case 6 -> new Command.InstallComplete(spec.name(), m);
                default -> new Command.PutNode(spec.name(), m, spec, null);
            });
    }

    Arbitrary<NodeSpec> nodeSpecs() {
        return Combinators.combine(Arbitraries.integers().between(0, 100_000), hostnames(), macs().list().uniqueElements()
                .ofMinSize(1).ofMaxSize(3), ips().injectNull(0.2), classes(), Arbitraries.of(BootSequence.PXE_LOCAL,
                BootSequence.PXE, BootSequence.LOCAL))
            .as((i, name, macs, ip, cls, seq) -> new NodeSpec(i, name, macs, ip, cls, null, seq));
    }

    Arbitrary<ClassSpec> classes() {
        Arbitrary<String> path = Arbitraries.strings().alpha().numeric().withChars("/._+-").ofMinLength(1).ofMaxLength(30)
            .filter(p -> !p.contains(".."));
        return Combinators.combine(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10), path.injectNull(0.3),
                path.injectNull(0.3), printable(80).injectNull(0.3), Arbitraries.of(StagePolicy.ON_PXE_SERVED,
                StagePolicy.ON_INSTALL_COMPLETE).injectNull(0.3))
            .as((name, k, i, c, adv) -> new ClassSpec(name, k, i, c, null, null, null, adv));
    }

    Arbitrary<String> hostnames() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(20)
            .map(s -> "n" + s);
    }

    Arbitrary<String> printable(int max) {
        return Arbitraries.strings().withCharRange(' ', '~').withChars("éü€").ofMaxLength(max);
    }

    Arbitrary<MacAddress> macs() {
        return Arbitraries.longs().between(1, (1L << 48) - 1).map(v -> v & ~(1L << 40)).filter(v -> v != 0)
            .map(v -> MacAddress.of(String.format("%012x", v)));
    }

    Arbitrary<Ipv4Address> ips() {
        return Arbitraries.integers().map(Ipv4Address::new);
    }

    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(0, 4_102_444_800L).flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
            .map(n -> Instant.ofEpochSecond(s, n)));
    }
}
