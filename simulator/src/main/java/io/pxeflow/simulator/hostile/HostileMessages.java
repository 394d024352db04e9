package io.pxeflow.simulator.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Json;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.ConfigApplied;
import io.pxeflow.protocol.message.ConfigOutcome;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.InstallReport;
import io.pxeflow.protocol.message.NodeBootConfig;
import io.pxeflow.simulator.Fleet;
import io.pxeflow.simulator.SimNode;
import io.pxeflow.simulator.Wire;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws hostile messages for every input topic, deterministically from a seed. Each starts from a
 * record a real sender would write about a real node of the fleet, then breaks it one way: bytes
 * that are not JSON, a cut, a wrong type, a missing field, a foreign schema version, a name or
 * path carrying config syntax, a MAC or IP of the wrong shape, a key that disagrees, a tombstone,
 * a huge payload. The first draws walk every (kind, topic) pair so that a short run covers all.
 */
public final class HostileMessages {
    /** Break out of a dhcpd/Kea/dnsmasq/pxelinux/iPXE/GRUB line or a shell: for names, ids and paths. */
    static final List<String> SYNTAX = List.of("node1;reboot", "node1\nhost evil { hardware ethernet 02:00:00:00:00:66; }",
        "node\"1", "node'1", "$(reboot)", "`reboot`", "${net0/mac}", "{{#nodes}}x{{/nodes}}", "a|b", "a&b",
        "../../etc/passwd", "/boot/../../etc/shadow", "a b", "", "x".repeat(2000), "nöde", "node1\r", "node1\u0000",
        "node1\u2028", "}", "#comment", "-rf /", "node_1;", "sim000001\"; filename \"evil", "\\x41");
    /** Control characters: the only thing free-text fields (vendor class, who, reason) refuse. */
    static final List<String> CONTROL = List.of("a\nb", "x\u0000y", "\u001b[31mred", "a\u2028b", "a\u0085b", "a\rb",
        "ok\n} host evil {", "\u007f");
    /** Kernel command lines the protocol carries but GRUB and iPXE would read as syntax: the generator refuses them. */
    static final List<String> SCRIPT_CMDLINES = List.of("quiet; reboot", "root=$(reboot)", "x=${net0/mac}",
        "a {{evil}}", "console=\"ttyS0\"", "a`id`", "a|b", "a & b", "a#b", "init='/bin/sh'");
    static final List<String> BAD_MACS = List.of("02:00:00:00:01", "02:00:00:00:00:01:02", "02:00:00:00:00:zz",
        "02:00-00:00:00:01", "ff:ff:ff:ff:ff:ff", "FF-FF-FF-FF-FF-FF", "01:00:5e:00:00:fb", "33:33:00:00:00:01",
        "00:00:00:00:00:00", "0200.0000.01", "02000000000", "0200000000012", "02:00:00:00:00:01;", "02:00:00:00:00:01\n",
        "", " ", "02::00:00:00:00:01", "020:00:00:00:00:01", "02:00:00:00:00:0\uff11", "gg:gg:gg:gg:gg:gg",
        "02.00.00.00.00.01", "02:00:00:00:00:01 host evil", "0x020000000001", "02:00:00:00:00:01/24");
    static final List<String> BAD_IPS = List.of("256.1.1.1", "10.64.0", "10.64.0.1.5", "010.64.0.1", "-1.0.0.0",
        "10.64.0.1/24", "a.b.c.d", "10.64.0.1;", "10.64.0.1\n", "", "1e3.0.0.1", "0x0a.0.0.1", "999.999.999.999",
        "4294967296", "::1", "fe80::1", "10.64.0.1; option routers 6.6.6.6", "10.64.00.1", "10..64.1");
    private static final ObjectMapper JSON = Json.mapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final List<SimNode> fleet;
    private final Random random;
    private final double totalWeight;
    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long drawn;

    public HostileMessages(List<SimNode> fleet, long seed) {
        this.fleet = List.copyOf(fleet);
        this.random = new Random(seed);
        double w = 0;
        for (HostileKind k : HostileKind.values()) {
            w += k.weight();
        }
        this.totalWeight = w;
    }

    public HostileMessage next() {
        long i = drawn++;
        int pairs = HostileKind.values().length * InputTopic.values().length;
        HostileKind kind;
        InputTopic topic;
        if (i < pairs) {
            kind = HostileKind.values()[(int) (i / InputTopic.values().length)];
            topic = InputTopic.values()[(int) (i % InputTopic.values().length)];
        } else {
            kind = pickKind();
            topic = InputTopic.values()[random.nextInt(InputTopic.values().length)];
        }
        if (kind == HostileKind.TOMBSTONE && topic == InputTopic.CONFIG) {
            // A config tombstone is how the controller removes a node: valid, so never hostile.
            topic = InputTopic.COMMANDS;
        }
        if ((kind == HostileKind.BAD_MAC || kind == HostileKind.BAD_IP)
                && (topic == InputTopic.HEARTBEATS || topic == InputTopic.CONFIG_STATUS)) {
            // Neither carries a MAC or an IP; a node-registering command carries both.
            topic = InputTopic.COMMANDS;
        }
        return make(kind, topic);
    }

    private HostileKind pickKind() {
        double r = random.nextDouble() * totalWeight;
        for (HostileKind k : HostileKind.values()) {
            r -= k.weight();
            if (r < 0) {
                return k;
            }
        }
        return HostileKind.NOT_JSON;
    }

    private HostileMessage make(HostileKind kind, InputTopic topic) {
        SimNode node = fleet.get(random.nextInt(fleet.size()));
        Base base = base(topic, node, kind);
        switch (kind) {
            case NOT_JSON:
                return notJson(topic, base);
            case TRUNCATED: {
                byte[] full = bytes(base.tree);
                int cut = 1 + random.nextInt(full.length - 1);
                return msg(topic, kind, base.key, java.util.Arrays.copyOf(full, cut), "cut at " + cut + "/" + full.length);
            }
            case WRONG_TYPE:
                return wrongType(topic, base);
            case MISSING_FIELD: {
                String path = pick(base.required);
                remove(base.tree, path);
                return msg(topic, kind, base.key, bytes(base.tree), "without " + path);
            }
            case SCHEMA_VERSION:
                return schemaVersion(topic, base);
            case INJECTION:
                return injection(topic, base);
            case BAD_MAC:
                return badValue(topic, kind, base, base.macPaths, BAD_MACS);
            case BAD_IP:
                return badValue(topic, kind, base, base.ipPaths, BAD_IPS);
            case NULL_KEY:
                return msg(topic, kind, null, bytes(base.tree), "null key");
            case KEY_MISMATCH:
                return msg(topic, kind, otherKey(topic, base.key, node), bytes(base.tree), "key of something else");
            case TOMBSTONE:
                return msg(topic, kind, base.key, null, "tombstone");
            case HUGE:
                return huge(topic, base, 900 * 1024, kind);
            default:
                return huge(topic, base, 1200 * 1024, kind);
        }
    }

    /** A valid record about {@code node}, as a tree to break, with the paths that matter for breaking it. */
    private static final class Base {
        final String key;
        final ObjectNode tree;
        final String keyPath;
        final List<String> required = new ArrayList<>(List.of("/v"));
        final List<String> strict = new ArrayList<>();
        final List<String> text = new ArrayList<>();
        final List<String> macPaths = new ArrayList<>();
        final List<String> ipPaths = new ArrayList<>();
        String cmdlinePath;

        Base(String key, byte[] encoded, String keyPath) {
            this.key = key;
            this.tree = (ObjectNode) tree(encoded);
            this.keyPath = keyPath;
        }
    }

    private Base base(InputTopic topic, SimNode n, HostileKind kind) {
        Base b;
        switch (topic) {
            case DHCP:
                // Keyed by the node, as a bridge keys a known client's event: the key is not read from the body.
                b = new Base(n.name(), Codec.DHCP.encode(Wire.dhcp(DhcpMessageType.DISCOVER, n.mac(), n.ip(), now)),
                    null);
                b.required.addAll(List.of("/type", "/mac", "/time"));
                b.text.addAll(List.of("/hostname", "/vendorClass", "/iface", "/server"));
                b.tree.put("hostname", n.name());
                b.macPaths.add("/mac");
                b.ipPaths.add("/ip");
                return b;
            case PXE:
                b = new Base(n.name(), Codec.PXE.encode(Wire.tftp(n.mac(), n.ip(), Wire.pxelinuxConfig(n.mac()),
                    512, now)), null);
                b.required.addAll(List.of("/transport", "/time"));
                b.text.addAll(List.of("/path", "/server"));
                b.macPaths.add("/mac");
                b.ipPaths.add("/clientIp");
                return b;
            case HEARTBEATS:
                if (random.nextInt(5) == 0) {
                    // The other record a reporter writes there: its installer's report.
                    b = new Base(n.name(), Codec.INSTALL_REPORT.encode(InstallReport.of(n.name(), "installer-1", now,
                        "install-1")), "/node");
                    b.required.addAll(List.of("/report", "/node", "/bootId", "/time"));
                    b.strict.addAll(List.of("/report", "/node", "/bootId", "/requestId"));
                    return b;
                }
                b = new Base(n.name(), Codec.HEARTBEAT.encode(Wire.heartbeat(n.name(), "boot-1", 7, 30, now)), "/node");
                b.required.addAll(List.of("/node", "/bootId", "/time", "/intervalSeconds"));
                b.strict.addAll(List.of("/node", "/bootId"));
                b.text.addAll(List.of("/kernel", "/reporterVersion", "/filesystems/0/mount", "/interfaces/0/name"));
                return b;
            case COMMANDS:
                return command(n, kind);
            case CONFIG_STATUS:
                b = new Base(n.name(), Codec.CONFIG_APPLIED.encode(new ConfigApplied("sim-generator", n.name(), 1,
                    ConfigOutcome.APPLIED, null, now)), "/node");
                b.required.addAll(List.of("/generator", "/node", "/outcome", "/time"));
                b.strict.addAll(List.of("/node", "/generator"));
                b.text.add("/reason");
                b.tree.put("reason", "ok");
                return b;
            case INVENTORY:
                b = new Base(ClusterInventory.KEY, Codec.INVENTORY.encode(new ClusterInventory(fleet.size(), "sim%N", Fleet.HEAD,
                    null, null, Map.of(Fleet.BOOT_CLASS.name(), Fleet.BOOT_CLASS),
                    List.of(new HostReservation(Fleet.mac(0x0a, 1), Fleet.HEAD.plus(2), List.of("switch1"))))), null);
                String c = "/classes/" + Fleet.BOOT_CLASS.name();
                b.required.addAll(List.of(c + "/name", "/hosts/0/mac", "/hosts/0/ip"));
                b.strict.addAll(List.of(c + "/name", c + "/kernel", c + "/initrd", "/hosts/0/names/0"));
                b.macPaths.add("/hosts/0/mac");
                b.ipPaths.addAll(List.of("/master", "/hosts/0/ip"));
                b.cmdlinePath = null;
                return b;
            default:
                return config(n);
        }
    }

    private Base command(SimNode n, HostileKind kind) {
        Command.Meta meta = new Command.Meta("hostile-" + drawn, "torture", now);
        boolean rich = kind != HostileKind.NULL_KEY && kind != HostileKind.KEY_MISMATCH && kind != HostileKind.TRUNCATED
            && kind != HostileKind.SCHEMA_VERSION && kind != HostileKind.TOMBSTONE;
        Command c;
        int pick = rich ? 0 : random.nextInt(7);
        switch (pick) {
            case 1:
                c = new Command.RemoveNode(n.name(), meta);
                break;
            case 2:
                c = new Command.Reprovision(n.name(), meta, true);
                break;
            case 3:
                c = new Command.SetStage(n.name(), meta, BootStage.LOCAL);
                break;
            case 4:
                c = new Command.SetClass(n.name(), meta, Fleet.BOOT_CLASS.withKernel("/images/other/vmlinuz"));
                break;
            case 5:
                c = new Command.Wipe(n.name(), meta);
                break;
            case 6:
                c = new Command.InstallComplete(n.name(), meta);
                break;
            default:
                c = new Command.PutNode(n.name(), meta, n.spec(Fleet.BOOT_CLASS), BootStage.PXE);
        }
        Base b = new Base(n.name(), Codec.COMMAND.encode(c), "/node");
        b.required.addAll(List.of("/type", "/node", "/meta", "/meta/requestId", "/meta/time"));
        b.strict.addAll(List.of("/node", "/meta/requestId"));
        b.text.add("/meta/who");
        if (c instanceof Command.PutNode) {
            b.required.addAll(List.of("/spec", "/spec/name", "/spec/macs", "/spec/bootClass/name"));
            b.strict.addAll(List.of("/spec/name", "/spec/bootClass/name", "/spec/bootClass/kernel",
                "/spec/bootClass/initrd"));
            b.text.add("/spec/bootClass/cmdline");
            b.macPaths.add("/spec/macs/0");
            b.ipPaths.add("/spec/ip");
        }
        return b;
    }

    private Base config(SimNode n) {
        if (random.nextInt(6) == 0) {
            HostReservation h = new HostReservation(Fleet.mac(0x0a, 1 + random.nextInt(50)), Fleet.HEAD.plus(2),
                List.of("switch1"));
            Base b = new Base(h.key(), Codec.CONFIG.encode(h), null);
            b.required.addAll(List.of("/kind", "/mac", "/ip"));
            b.strict.add("/names/0");
            b.macPaths.add("/mac");
            b.ipPaths.add("/ip");
            return b;
        }
        NodeBootConfig c = new NodeBootConfig(n.name(), n.index(), List.of(n.mac()), n.ip(), n.sequence(), BootStage.PXE,
            Fleet.BOOT_CLASS, false, 1_000_000, now);
        Base b = new Base(n.name(), Codec.CONFIG.encode(c), "/node");
        b.required.addAll(List.of("/kind", "/node", "/macs", "/stage", "/bootClass", "/generation", "/bootClass/name"));
        b.strict.addAll(List.of("/node", "/bootClass/name", "/bootClass/kernel", "/bootClass/initrd"));
        b.text.add("/bootClass/cmdline");
        b.cmdlinePath = "/bootClass/cmdline";
        b.macPaths.add("/macs/0");
        b.ipPaths.add("/ip");
        return b;
    }

    private HostileMessage notJson(InputTopic topic, Base base) {
        switch (random.nextInt(9)) {
            case 0:
                return msg(topic, HostileKind.NOT_JSON, base.key, new byte[0], "empty bytes");
            case 1: {
                byte[] junk = new byte[1 + random.nextInt(300)];
                random.nextBytes(junk);
                return msg(topic, HostileKind.NOT_JSON, base.key, junk, "random bytes");
            }
            case 2:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8("null"), "JSON null");
            case 3:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8(pick(List.of("[]", "42", "\"str\"", "true", "[{\"v\":1}]"))),
                    "JSON but not an object");
            case 4:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8("<xml v=\"1\"/>"), "XML");
            case 5:
                return msg(topic, HostileKind.NOT_JSON, base.key, new byte[] {'{', '"', 'v', '"', ':', '1', ',', (byte) 0xc3,
                    (byte) 0x28, '}'}, "invalid UTF-8");
            case 6:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8(new String(bytes(base.tree), StandardCharsets.UTF_8)
                    + "{}"), "trailing tokens");
            case 7:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8("[".repeat(100_000)), "nesting 100,000 deep");
            default:
                return msg(topic, HostileKind.NOT_JSON, base.key, utf8(new String(bytes(base.tree), StandardCharsets.UTF_8)
                    .replace("\"", "'")), "single quotes");
        }
    }

    private HostileMessage wrongType(InputTopic topic, Base base) {
        List<String> paths = leafPaths(base.tree, "");
        // "v" and derived properties such as DhcpEvent's pxeClient are written but never read.
        paths.removeIf(p -> p.endsWith("/v") || p.endsWith("/pxeClient"));
        String path = pick(paths);
        JsonNode old = at(base.tree, path);
        JsonNode wrong;
        if (old.isTextual()) {
            wrong = random.nextBoolean() ? F.objectNode().put("$ne", 1) : F.arrayNode().add(old.asText());
        } else if (old.isNumber()) {
            wrong = random.nextBoolean() ? F.textNode("twelve") : F.objectNode();
        } else if (old.isBoolean()) {
            wrong = F.textNode("maybe");
        } else if (old.isArray()) {
            wrong = F.objectNode().put("0", "x");
        } else {
            wrong = F.numberNode(42);
        }
        set(base.tree, path, wrong);
        return msg(topic, HostileKind.WRONG_TYPE, base.key, bytes(base.tree), path + " as " + wrong.getNodeType());
    }

    private HostileMessage schemaVersion(InputTopic topic, Base base) {
        List<JsonNode> versions = List.of(F.numberNode(2), F.numberNode(0), F.numberNode(-1), F.numberNode(99_999),
            F.textNode("1"), F.numberNode(1.5), F.nullNode(), F.booleanNode(true), F.arrayNode().add(1),
            F.numberNode(2_147_483_648L));
        if (random.nextInt(versions.size() + 1) == 0) {
            String json = new String(bytes(base.tree), StandardCharsets.UTF_8);
            return msg(topic, HostileKind.SCHEMA_VERSION, base.key, utf8(json.substring(0, json.length() - 1) + ",\"v\":2}"),
                "\"v\" twice, the second 2");
        }
        JsonNode v = pick(versions);
        base.tree.set("v", v);
        return msg(topic, HostileKind.SCHEMA_VERSION, base.key, bytes(base.tree), "v=" + v);
    }

    private HostileMessage injection(InputTopic topic, Base base) {
        boolean useCmdline = base.cmdlinePath != null && random.nextInt(3) == 0;
        if (useCmdline) {
            String cmdline = pick(SCRIPT_CMDLINES);
            set(base.tree, base.cmdlinePath, F.textNode(cmdline));
            return msg(topic, HostileKind.INJECTION, base.key, bytes(base.tree), base.cmdlinePath + " = " + cmdline);
        }
        boolean strict = !base.strict.isEmpty() && (base.text.isEmpty() || random.nextInt(3) > 0);
        String path = strict ? pick(base.strict) : pick(base.text);
        String value = strict ? pick(SYNTAX) : pick(CONTROL);
        set(base.tree, path, F.textNode(value));
        String key = path.equals(base.keyPath) ? value : base.key;
        return msg(topic, HostileKind.INJECTION, key, bytes(base.tree), path);
    }

    private HostileMessage badValue(InputTopic topic, HostileKind kind, Base base, List<String> paths, List<String> values) {
        String path = pick(paths);
        String value = pick(values);
        set(base.tree, path, F.textNode(value));
        String key = path.equals(base.keyPath) ? value : base.key;
        return msg(topic, kind, key, bytes(base.tree), path + " = " + value.replace("\n", "\\n"));
    }

    private HostileMessage huge(InputTopic topic, Base base, int size, HostileKind kind) {
        switch (random.nextInt(3)) {
            case 0: {
                // Incompressible: what a broker limit is for.
                byte[] raw = new byte[size * 3 / 4];
                random.nextBytes(raw);
                return msg(topic, kind, base.key, Base64.getEncoder().encode(raw), "random text, " + size / 1024 + " KB");
            }
            case 1: {
                List<String> fields = new ArrayList<>(base.strict);
                fields.addAll(base.text);
                String path = pick(fields);
                set(base.tree, path, F.textNode("A".repeat(size)));
                return msg(topic, kind, base.key, bytes(base.tree), path + " of " + size / 1024 + " KB");
            }
            default: {
                String padded = "{\"v\":1,\"pad\":\"" + "x".repeat(size) + "\"";
                return msg(topic, kind, base.key, utf8(padded), "unterminated object of " + size / 1024 + " KB");
            }
        }
    }

    private String otherKey(InputTopic topic, String key, SimNode node) {
        SimNode other = fleet.get((fleet.indexOf(node) + 1) % fleet.size());
        switch (topic) {
            case DHCP:
            case PXE:
                // Another node (which does not own the client), the client's key misspelt, another client's
                // key, the bare MAC of the old layout, a name no host can have.
                return pick(List.of(other.name(), "mac/" + node.mac().value().toUpperCase(java.util.Locale.ROOT),
                    "mac/" + node.mac().dashed(), "mac/" + other.mac().value(), node.mac().value(), " " + key, key + "\n"));
            case INVENTORY:
                return pick(List.of("CLUSTER", "cluster2", "", " cluster", other.name()));
            case CONFIG:
                return key.startsWith("host/") ? "host/" + other.mac().value() : pick(List.of(other.name(),
                    key.toUpperCase(java.util.Locale.ROOT), key + "\n", "host/" + node.mac().value()));
            default:
                return pick(List.of(other.name(), key.toUpperCase(java.util.Locale.ROOT), key + ".", key + "\n", ""));
        }
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private static HostileMessage msg(InputTopic topic, HostileKind kind, String key, byte[] value, String variant) {
        return new HostileMessage(topic, kind, key, value, variant);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> leafPaths(JsonNode node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(f -> {
                out.add(prefix + "/" + f);
                out.addAll(leafPaths(node.get(f), prefix + "/" + f));
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(prefix + "/" + i);
                out.addAll(leafPaths(node.get(i), prefix + "/" + i));
            }
        }
        return out;
    }

    private static JsonNode at(JsonNode root, String path) {
        return root.at(path);
    }

    /** Sets {@code path} (a JSON pointer whose parent exists, or is created as an object) to {@code value}. */
    private static void set(ObjectNode root, String path, JsonNode value) {
        int slash = path.lastIndexOf('/');
        String field = path.substring(slash + 1);
        JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(field), value);
        } else if (parent.isObject()) {
            ((ObjectNode) parent).set(field, value);
        } else {
            throw new IllegalStateException("no parent for " + path + " in " + root);
        }
    }

    private static void remove(ObjectNode root, String path) {
        int slash = path.lastIndexOf('/');
        String field = path.substring(slash + 1);
        JsonNode parent = slash == 0 ? root : root.at(path.substring(0, slash));
        if (parent.isArray()) {
            ((ArrayNode) parent).remove(Integer.parseInt(field));
        } else if (parent.isObject()) {
            ((ObjectNode) parent).remove(field);
        }
    }
}
