package io.pxeflow.inventory;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.ClassSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Reads ClusterWare's {@code /etc/beowulf/config} syntax, plus pxeflow's keys ({@code master},
 * {@code class NAME rootimage|overlay|nfsserver|advance|bmcprotocol|bmccredentials}, {@code subnet}, and
 * {@code name=}/{@code ip=} and the BMC keys of {@link NodeBmcKeys} on a node line). All or
 * nothing: every problem of the file is collected, and any problem throws.
 *
 * <pre>
 * node [INDEX] [CLASS] [SEQUENCE [STAGE]] [name=NAME] [ip=IP] [bmc=ADDRESS [bmcprotocol=P] [bmccredentials=C]] MAC...
 * subnet NETWORK/PREFIX [router IP] [next-server IP] [dns IP,IP...] [domain NAME] [ipxe URL|ADDRESS[:PORT]]
 * </pre>
 *
 * The cluster's network is ClusterWare's: {@code interface IFACE} (read from this host's interface,
 * see {@link HostInterfaces}) or {@code master} with {@code netmask}; further networks (racks behind
 * DHCP relays) are {@code subnet} lines.
 */
public final class ScyldConfigParser {
    private static final String NAME_KEY = "name=";
    private static final String IP_KEY = "ip=";

    private ScyldConfigParser() {
    }

    /** Parses a file that does not use {@code interface} (it would name an interface this host lacks). */
    public static Inventory parse(String fileName, String text) {
        return parse(fileName, text, HostInterfaces.NONE);
    }

    /** Parses a file; {@code interface IFACE} is read from {@code interfaces}. */
    public static Inventory parse(String fileName, String text, HostInterfaces interfaces) {
        ConfigDraft draft = new ConfigDraft(fileName, interfaces);
        for (ConfigLine line : ConfigLines.split(text == null ? "" : text)) {
            directive(draft, line);
        }
        return new InventoryAssembler(draft).assemble();
    }

    private static void directive(ConfigDraft d, ConfigLine line) {
        String keyword = line.keyword();
        switch (keyword) {
            case "nodes" -> nodes(d, line);
            case "nodename" -> nodename(d, line);
            case "master" -> master(d, line);
            case "netmask", "interface", "subnet" -> {
                d.networkDeclared = true;
                switch (keyword) {
                    case "netmask" -> netmask(d, line);
                    case "interface" -> iface(d, line);
                    default -> subnet(d, line);
                }
            }
            case "iprange" -> ipRange(d, line);
            case "hostrange" -> range(d, line).ifPresent(r -> d.hostRanges.add(new Lined<>(line.number(), r)));
            case "host" -> host(d, line);
            case "class" -> classDirective(d, line);
            case "node" -> node(d, line);
            case "kernelimage", "initrdimage", "kernelcommandline" -> bootSetting(d, line);
            default -> {
                if (ClusterWareDirectives.IGNORED.contains(keyword)) {
                    d.warn(line.number(), keyword + ": ClusterWare directive that pxeflow does not use; ignored");
                } else {
                    d.problem(line.number(), "unknown directive " + quote(keyword));
                }
            }
        }
    }

    private static void nodes(ConfigDraft d, ConfigLine line) {
        if (!once(d, line, d.nodeCount) || !arity(d, line, 1, 1)) {
            return;
        }
        String n = line.args().get(0);
        if (!n.matches("[0-9]{1,9}")) {
            d.problem(line.number(), "nodes: not a node count: " + quote(n));
            return;
        }
        d.nodeCount = new Lined<>(line.number(), Integer.parseInt(n));
    }

    private static void nodename(ConfigDraft d, ConfigLine line) {
        if (!once(d, line, d.namePattern) || !arity(d, line, 1, 3)) {
            return;
        }
        if (line.args().size() > 1) {
            d.warn(line.number(), "nodename: the IP offset and netgroup arguments are ignored");
        }
        String pattern = line.args().get(0);
        if (!pattern.contains("%N")) {
            d.problem(line.number(), "nodename: the pattern must contain %N (the node number): " + quote(pattern));
            return;
        }
        if (d.check(line.number(), () -> Fields.hostname("nodename", pattern.replace("%N", "0")))) {
            d.namePattern = new Lined<>(line.number(), pattern);
        }
    }

    private static void master(ConfigDraft d, ConfigLine line) {
        if (once(d, line, d.master) && arity(d, line, 1, 1)) {
            ip(d, line.number(), line.args().get(0)).ifPresent(ip -> d.master = new Lined<>(line.number(), ip));
        }
    }

    private static void netmask(ConfigDraft d, ConfigLine line) {
        if (once(d, line, d.netmask) && arity(d, line, 1, 1)) {
            ip(d, line.number(), line.args().get(0)).ifPresent(mask -> {
                if (d.check(line.number(), () -> Ipv4Network.prefixOf(mask))) {
                    d.netmask = new Lined<>(line.number(), mask);
                }
            });
        }
    }

    /** ClusterWare's {@code interface eth1}: the master's private network is that interface's. */
    private static void iface(ConfigDraft d, ConfigLine line) {
        if (once(d, line, d.iface) && arity(d, line, 1, 1)) {
            String name = line.args().get(0);
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,14}")) {
                d.problem(line.number(), "interface: not an interface name: " + quote(name));
                return;
            }
            d.iface = new Lined<>(line.number(), name);
        }
    }

    /** {@code subnet NETWORK/PREFIX [KEY VALUE]...}; several lines may set keys of the same network. */
    private static void subnet(ConfigDraft d, ConfigLine line) {
        if (!arity(d, line, 1, Integer.MAX_VALUE)) {
            return;
        }
        List<String> args = line.args();
        Ipv4Network network;
        try {
            network = Ipv4Network.parse(args.get(0));
        } catch (InvalidFieldException e) {
            d.problem(line.number(), "subnet: " + e.getMessage());
            return;
        }
        ConfigDraft.SubnetDraft draft = d.subnets.computeIfAbsent(network, n -> new ConfigDraft.SubnetDraft(n, line.number()));
        if (args.size() % 2 == 0) {
            d.problem(line.number(), "subnet " + network + ": expected KEY VALUE pairs after the network ("
                + SubnetKey.keywords() + ")");
            return;
        }
        for (int i = 1; i + 1 < args.size(); i += 2) {
            Optional<SubnetKey> key = SubnetKey.of(args.get(i));
            String value = args.get(i + 1);
            if (key.isEmpty()) {
                d.problem(line.number(), "subnet " + network + ": unknown setting " + quote(args.get(i)) + " ("
                    + SubnetKey.keywords() + ")");
                continue;
            }
            if (!d.check(line.number(), () -> key.get().validate(value))) {
                continue;
            }
            Lined<String> earlier = draft.values.get(key.get());
            if (earlier != null) {
                d.problem(line.number(), key.get().keyword() + " for subnet " + network + " is already set on line "
                    + earlier.line());
                continue;
            }
            draft.values.put(key.get(), new Lined<>(line.number(), value));
        }
    }

    private static void ipRange(ConfigDraft d, ConfigLine line) {
        if (once(d, line, d.ipRange)) {
            range(d, line).ifPresent(r -> d.ipRange = new Lined<>(line.number(), r));
        }
    }

    private static Optional<Ipv4Range> range(ConfigDraft d, ConfigLine line) {
        if (!arity(d, line, 2, 2)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Ipv4Range(Ipv4Address.parse(line.args().get(0)), Ipv4Address.parse(line.args().get(1))));
        } catch (InvalidFieldException e) {
            d.problem(line.number(), line.keyword() + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code host MAC [IP] [NAME...]}: without an IP the host gets the first free hostrange address. */
    private static void host(ConfigDraft d, ConfigLine line) {
        if (!arity(d, line, 1, Integer.MAX_VALUE)) {
            return;
        }
        List<String> args = line.args();
        Optional<MacAddress> mac = mac(d, line.number(), args.get(0));
        Ipv4Address ip = null;
        int firstName = 1;
        if (args.size() > 1 && Ipv4Address.isValid(args.get(1))) {
            ip = Ipv4Address.parse(args.get(1));
            firstName = 2;
        }
        List<String> names = args.subList(firstName, args.size());
        boolean namesOk = names.stream().allMatch(n -> d.check(line.number(), () -> Fields.hostname("host name", n)));
        if (mac.isPresent() && namesOk) {
            d.hosts.add(new ConfigDraft.Host(line.number(), mac.get(), ip, List.copyOf(names)));
        }
    }

    /** {@code class NAME KEY VALUE...}; a bare {@code class NAME} declares a class with nothing set. */
    private static void classDirective(ConfigDraft d, ConfigLine line) {
        if (!arity(d, line, 1, Integer.MAX_VALUE)) {
            return;
        }
        List<String> args = line.args();
        String name = args.get(0);
        if (!validClassName(d, line.number(), name)) {
            return;
        }
        ConfigDraft.ClassDraft draft = d.classDraft(name, line.number());
        if (args.size() == 1) {
            return;
        }
        Optional<ClassKey> key = ClassKey.of(args.get(1));
        if (key.isEmpty()) {
            d.problem(line.number(), "class " + name + ": unknown setting " + quote(args.get(1))
                + " (" + ClassKey.keywords() + ")");
            return;
        }
        value(d, line, key.get(), args.subList(2, args.size()))
            .ifPresent(v -> set(d, line.number(), draft.values, key.get(), v, "class " + name));
    }

    /** {@code kernelimage [NODES] VALUE}: cluster-wide (the {@code default} class) or per node. */
    private static void bootSetting(ConfigDraft d, ConfigLine line) {
        ClassKey key = ClassKey.of(line.keyword()).orElseThrow();
        List<String> args = line.args();
        if (args.size() >= 2 && NodeSelection.looksLikeSelection(args.get(0))) {
            SortedSet<Integer> selection;
            try {
                selection = NodeSelection.parse(args.get(0));
            } catch (IllegalArgumentException e) {
                d.problem(line.number(), line.keyword() + ": " + e.getMessage());
                return;
            }
            Optional<String> value = value(d, line, key, args.subList(1, args.size()));
            if (value.isPresent()) {
                d.overrideSelections.add(new Lined<>(line.number(), selection));
                for (int index : selection) {
                    Map<ClassKey, Lined<String>> node = d.overrides.computeIfAbsent(index, i -> new EnumMap<>(ClassKey.class));
                    set(d, line.number(), node, key, value.get(), "node " + index);
                }
            }
            return;
        }
        ConfigDraft.ClassDraft defaults = d.classDraft(ClassSpec.DEFAULT_NAME, line.number());
        value(d, line, key, args).ifPresent(v -> set(d, line.number(), defaults.values, key, v, "the cluster default"));
    }

    private static Optional<String> value(ConfigDraft d, ConfigLine line, ClassKey key, List<String> words) {
        if (words.isEmpty()) {
            d.problem(line.number(), key.keyword() + ": needs a value (none serves nothing)");
            return Optional.empty();
        }
        if (key.singleWord() && words.size() > 1) {
            d.problem(line.number(), key.keyword() + ": expected one value, got " + words.size() + ": " + String.join(" ", words));
            return Optional.empty();
        }
        String value = String.join(" ", words);
        return d.check(line.number(), () -> key.validate(value)) ? Optional.of(value) : Optional.empty();
    }

    private static void set(ConfigDraft d, int line, Map<ClassKey, Lined<String>> target, ClassKey key, String value,
                            String owner) {
        Lined<String> earlier = target.get(key);
        if (earlier != null) {
            d.problem(line, key.keyword() + " for " + owner + " is already set on line " + earlier.line());
            return;
        }
        target.put(key, new Lined<>(line, value));
    }

    private static void node(ConfigDraft d, ConfigLine line) {
        int n = line.number();
        String name = null;
        Ipv4Address ip = null;
        List<String> words = new ArrayList<>();
        NodeBmcKeys bmc = new NodeBmcKeys();
        for (String w : line.args()) {
            if (NodeBmcKeys.isKey(w)) {
                bmc.read(d, n, w);
            } else if (w.startsWith(NAME_KEY)) {
                String v = w.substring(NAME_KEY.length());
                name = d.check(n, () -> Fields.hostname("name", v)) ? v : name;
            } else if (w.startsWith(IP_KEY)) {
                ip = ip(d, n, w.substring(IP_KEY.length())).orElse(ip);
            } else if (w.contains("=")) {
                d.problem(n, "node: unknown key " + quote(w) + " (name=, ip=, " + NodeBmcKeys.KEYS + ")");
            } else {
                words.add(w);
            }
        }
        int i = 0;
        Integer index = null;
        if (i < words.size() && words.get(i).matches("[0-9]{1,9}")) {
            index = Integer.parseInt(words.get(i++));
        }
        String className = null;
        if (i < words.size() && !isSequence(words.get(i)) && !MacAddress.isValid(words.get(i)) && isName(words.get(i))) {
            className = words.get(i++);
        }
        // A node line without a boot-sequence is netbooted every time: ClusterWare assumes such a
        // node is a Scyld node, which always boots the kernel beoserv serves it. Its stage is left
        // unsaid, so a re-import does not undo a stage flipped at runtime.
        BootSequence sequence = BootSequence.PXE;
        BootStage stage = null;
        if (i < words.size() && isSequence(words.get(i))) {
            sequence = BootSequence.fromCode(words.get(i++));
            if (i < words.size() && isStage(words.get(i))) {
                stage = BootStage.fromCode(words.get(i++));
            }
        }
        List<MacAddress> macs = new ArrayList<>();
        boolean macsOk = true;
        for (; i < words.size(); i++) {
            Optional<MacAddress> mac = mac(d, n, words.get(i));
            mac.ifPresent(macs::add);
            macsOk &= mac.isPresent();
        }
        if (macsOk && macs.isEmpty()) {
            d.problem(n, "node: needs at least one MAC address (node [INDEX] [CLASS] [SEQUENCE STAGE] MAC...)");
            macsOk = false;
        }
        int assigned = index != null ? index : d.nextIndex;
        d.nextIndex = Math.max(d.nextIndex, assigned + 1);
        BmcSpec bmcSpec = bmc.spec(d, n);
        if (macsOk && bmc.ok()) {
            d.nodes.add(new ConfigDraft.Node(n, assigned, className, sequence, stage, name, ip, List.copyOf(macs),
                bmcSpec));
        }
    }

    private static boolean isSequence(String w) {
        return BootSequence.fromCode(w) != BootSequence.UNKNOWN;
    }

    private static boolean isName(String w) {
        try {
            Fields.name("class", w);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    private static boolean isStage(String w) {
        return BootStage.fromCode(w) != BootStage.UNKNOWN;
    }

    /** Class names that a node line would read as something else are refused where they are defined. */
    private static boolean validClassName(ConfigDraft d, int line, String name) {
        if (!d.check(line, () -> Fields.name("class", name))) {
            return false;
        }
        if (isSequence(name) || name.matches("[0-9]+") || MacAddress.isValid(name)) {
            d.problem(line, "class: " + quote(name) + " cannot be told apart from a node number, boot-sequence or MAC"
                + " on a node line; start it with a letter other than a hex digit, or add one");
            return false;
        }
        return true;
    }

    private static Optional<MacAddress> mac(ConfigDraft d, int line, String text) {
        try {
            return Optional.of(MacAddress.of(text));
        } catch (InvalidFieldException e) {
            d.problem(line, e.getMessage());
            return Optional.empty();
        }
    }

    private static Optional<Ipv4Address> ip(ConfigDraft d, int line, String text) {
        try {
            return Optional.of(Ipv4Address.parse(text));
        } catch (InvalidFieldException e) {
            d.problem(line, e.getMessage());
            return Optional.empty();
        }
    }

    private static boolean once(ConfigDraft d, ConfigLine line, Lined<?> earlier) {
        if (earlier != null) {
            d.problem(line.number(), line.keyword() + ": already given on line " + earlier.line());
            return false;
        }
        return true;
    }

    private static boolean arity(ConfigDraft d, ConfigLine line, int min, int max) {
        int n = line.args().size();
        if (n < min || n > max) {
            String expected = min == max ? String.valueOf(min) : max == Integer.MAX_VALUE ? "at least " + min : min + " to " + max;
            d.problem(line.number(), line.keyword() + ": expected " + expected + " argument(s), got " + n);
            return false;
        }
        return true;
    }

    static String quote(String s) {
        return Printable.quote(s);
    }
}
