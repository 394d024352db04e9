package io.pxeflow.generator.render;

import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Everything a generator worker is configured with, typed and validated once. Built from a flat
 * key/value map ({@link #fromMap}) so that a properties file, command-line flags and the
 * all-in-one head node feed it the same way; only {@code main} reads the environment.
 * Every value that lands in a generated file is checked here against the formats it lands in,
 * so a typo in the settings fails at start instead of producing a dhcpd.conf that dhcpd rejects.
 *
 * <p>The network keys ({@code network.*}, {@code head.address}, {@code tftp.server},
 * {@code boot.ipxe.url}) have no defaults: the inventory declares the cluster's networks, and a
 * key that is set overrides it or must agree with it ({@link NetworkPlan} checks that against
 * each inventory). A null field is a key left unset.
 */
public record GeneratorSettings(
        String generatorId,
        String topicPrefix,
        Path outputDir,
        Path templateDir,
        Ipv4Network subnet,
        Ipv4Address router,
        List<Ipv4Address> dns,
        String domain,
        Ipv4Address headAddress,
        Ipv4Address nextServer,
        Path tftpRoot,
        String biosBootFile,
        String efi64BootFile,
        String ipxeChainUrl,
        String ipxeHost,
        int ipxePort,
        String imageBaseUrl,
        String console,
        String nfsServer,
        Path imagesDir,
        Path overlaysExportDir,
        Path overlayTemplateDir,
        int leaseSeconds,
        Set<Output> outputs,
        boolean pxelinuxHexIp,
        NodeFilter nodeFilter,
        Map<Output, String> reloadCommands,
        Map<Output, String> validateCommands,
        Duration reloadDebounce,
        Duration reloadTimeout,
        Duration reloadMaxBackoff) {

    /** Every key {@link #fromMap} understands, with its default (empty: unset) and meaning. */
    public static final Map<String, String[]> KEYS = keys();

    private static final Pattern SAFE_FILE = Pattern.compile("[A-Za-z0-9._/+:@%=~-]+");
    private static final Pattern SAFE_URL = Pattern.compile("[A-Za-z0-9._/+:@%=~?&${}-]+");
    private static final Pattern CONSOLE = Pattern.compile("[A-Za-z0-9._,/:=-]+");

    public GeneratorSettings {
        outputs = Collections.unmodifiableSet(EnumSet.copyOf(outputs.isEmpty() ? EnumSet.noneOf(Output.class) : outputs));
        dns = List.copyOf(dns);
        reloadCommands = Collections.unmodifiableMap(reloadCommands.isEmpty()
            ? new EnumMap<>(Output.class) : new EnumMap<>(reloadCommands));
        validateCommands = Collections.unmodifiableMap(validateCommands.isEmpty()
            ? new EnumMap<>(Output.class) : new EnumMap<>(validateCommands));
    }

    public static GeneratorSettings defaults() {
        return fromMap(Map.of());
    }

    public boolean enabled(Output output) {
        return outputs.contains(output);
    }

    /** Settings from flat keys (see {@link #KEYS}); unknown keys are refused so a typo is not silently ignored. */
    public static GeneratorSettings fromMap(Map<String, String> raw) {
        Map<String, String> in = new LinkedHashMap<>();
        raw.forEach((k, v) -> in.put(k.trim(), v == null ? "" : v.trim()));
        for (String key : in.keySet()) {
            // kafka.* are Kafka client settings (TLS, SASL): the command passes them to the worker's clients.
            if (!KEYS.containsKey(key) && !key.startsWith("reload.") && !key.startsWith("validate.")
                && !key.startsWith("kafka.")) {
                throw new InvalidSettingException(key, "unknown setting (known: " + new TreeSet<>(KEYS.keySet()) + ")");
            }
        }
        Reader r = new Reader(in);
        Path outputDir = r.path("output.dir");
        Ipv4Address head = r.has("head.address") ? r.ip("head.address") : null;
        Ipv4Address nextServer = r.has("tftp.server") ? r.ip("tftp.server") : null;
        Ipv4Network subnet = subnet(r);
        String imageBaseDefault = "tftp://${next-server}/";
        Set<Output> outputs = EnumSet.noneOf(Output.class);
        String outputsRaw = r.string("outputs");
        if (outputsRaw.equals("all")) {
            outputs.addAll(EnumSet.allOf(Output.class));
        } else {
            for (String o : split(outputsRaw)) {
                outputs.add(r.wrap("outputs", () -> Output.fromCode(o)));
            }
        }
        return new GeneratorSettings(
            r.token("generator.id"),
            r.wrap("topic.prefix", () -> new io.pxeflow.protocol.Topics(in.getOrDefault("topic.prefix",
                KEYS.get("topic.prefix")[0])).prefix()),
            outputDir,
            r.optionalPath("template.dir"),
            subnet,
            r.has("network.router") ? r.ip("network.router") : null,
            r.ips("network.dns"),
            r.has("network.domain") ? r.hostname("network.domain") : null,
            head,
            nextServer,
            r.has("tftp.root") ? r.path("tftp.root") : outputDir.resolve("tftpboot"),
            r.matching("boot.file.bios", SAFE_FILE, null),
            r.matching("boot.file.efi64", SAFE_FILE, null),
            r.has("boot.ipxe.url") ? r.matching("boot.ipxe.url", SAFE_URL, null) : null,
            r.has("boot.ipxe.host") ? r.hostOrIp("boot.ipxe.host") : null,
            r.port("boot.ipxe.port"),
            r.matching("boot.image.base", SAFE_URL, imageBaseDefault),
            r.has("boot.console") ? r.matching("boot.console", CONSOLE, null) : null,
            r.has("nfs.server") ? r.hostOrIp("nfs.server") : null,
            r.path("nfs.images.dir"),
            r.has("nfs.overlays.dir") ? r.path("nfs.overlays.dir") : outputDir.resolve("overlays"),
            r.optionalPath("overlay.template.dir"),
            r.positiveInt("dhcp.lease.seconds"),
            outputs,
            r.bool("pxelinux.hex-ip"),
            nodeFilter(r),
            r.commands("reload."),
            r.commands("validate."),
            Duration.ofMillis(r.positiveInt("reload.debounce.ms")),
            Duration.ofMillis(r.positiveInt("reload.timeout.ms")),
            Duration.ofMillis(r.positiveInt("reload.backoff.max.ms")));
    }

    /** {@code network.subnet} with {@code network.netmask}: both or neither. */
    private static Ipv4Network subnet(Reader r) {
        if (r.has("network.subnet") != r.has("network.netmask")) {
            String missing = r.has("network.subnet") ? "network.netmask" : "network.subnet";
            throw new InvalidSettingException(missing, "set network.subnet and network.netmask together, or neither "
                + "(the inventory declares the network)");
        }
        if (!r.has("network.subnet")) {
            return null;
        }
        Ipv4Address address = r.ip("network.subnet");
        Ipv4Address netmask = r.ip("network.netmask");
        int prefix = r.wrap("network.netmask", () -> Ipv4Network.prefixOf(netmask));
        if ((address.bits() & ~netmask.bits()) != 0) {
            throw new InvalidSettingException("network.subnet", address + " has host bits set for netmask " + netmask);
        }
        return new Ipv4Network(address, prefix);
    }

    private static NodeFilter nodeFilter(Reader r) {
        if (r.has("node.filter") && r.has("node.names")) {
            throw new InvalidSettingException("node.filter", "set node.filter or node.names, not both");
        }
        if (r.has("node.filter")) {
            String regex = r.string("node.filter");
            try {
                return new NodeFilter.Matching(Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new InvalidSettingException("node.filter", "not a regular expression: " + e.getDescription());
            }
        }
        if (r.has("node.names")) {
            List<String> names = split(r.string("node.names"));
            names.forEach(n -> r.wrap("node.names", () -> Fields.hostname("node.names", n)));
            return new NodeFilter.Named(Set.copyOf(names));
        }
        return new NodeFilter.All();
    }

    private static List<String> split(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split("[,\\s]+")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static Map<String, String[]> keys() {
        Map<String, String[]> k = new LinkedHashMap<>();
        k.put("generator.id", new String[] {"generator", "this worker's id: its consumer group and its name on config-status"});
        k.put("topic.prefix", new String[] {"pxeflow.", "prefix of the pxeflow topics"});
        k.put("output.dir", new String[] {"/var/lib/pxeflow/generated", "where every generated file goes"});
        k.put("template.dir", new String[] {"", "a directory whose NAME.mustache files replace the built-in templates"});
        k.put("network.subnet", new String[] {"", "only for an inventory that declares no subnet (written before "
            + "subnets existed): its network address; otherwise unset, or one of the inventory's subnets"});
        k.put("network.netmask", new String[] {"", "with network.subnet: its netmask"});
        k.put("network.router", new String[] {"", "overrides the router of the inventory subnet it lies in"});
        k.put("network.dns", new String[] {"", "comma-separated DNS servers; overrides every subnet's dns"});
        k.put("network.domain", new String[] {"", "DNS domain of the nodes; overrides every subnet's domain"});
        k.put("head.address", new String[] {"", "the head node's address; overrides the inventory's master and "
            + "must lie in one of its subnets"});
        k.put("tftp.server", new String[] {"", "next-server (TFTP) of every subnet; default each subnet's "
            + "next-server, else the head's address"});
        k.put("tftp.root", new String[] {"", "the TFTP root as the TFTP server sees it; default OUTPUT/tftpboot"});
        k.put("boot.file.bios", new String[] {"pxelinux.0", "boot file for BIOS PXE clients"});
        k.put("boot.file.efi64", new String[] {"grubx64.efi", "boot file for x86-64 UEFI clients (grubx64.efi or ipxe.efi)"});
        k.put("boot.ipxe.url", new String[] {"", "what iPXE clients of every subnet chain to; default each subnet's "
            + "ipxe, else http://IPXE-HOST:IPXE-PORT/boot/ipxe?mac=${net0/mac}"});
        k.put("boot.ipxe.host", new String[] {"", "the address iPXE clients reach the pxeflow endpoint at, for subnets "
            + "that declare no ipxe; default the head's address"});
        k.put("boot.ipxe.port", new String[] {"8088", "the port of the controller's node listener (iPXE scripts) in iPXE URLs built from an address"});
        k.put("boot.image.base", new String[] {"", "base URL iPXE fetches kernels from; default tftp://${next-server}/"});
        k.put("boot.console", new String[] {"", "kernel console argument, e.g. ttyS0,115200n8"});
        k.put("nfs.server", new String[] {"", "NFS server of root images and overlays; default the head's address"});
        k.put("nfs.images.dir", new String[] {"/var/lib/pxeflow/images", "where relative class root images live"});
        k.put("nfs.overlays.dir", new String[] {"", "the overlays directory as the NFS server exports it; default OUTPUT/overlays"});
        k.put("overlay.template.dir", new String[] {"", "a directory copied into each new node overlay"});
        k.put("dhcp.lease.seconds", new String[] {"21600", "DHCP lease time"});
        k.put("outputs", new String[] {"all", "comma-separated outputs to write, or all"});
        k.put("pxelinux.hex-ip", new String[] {"true", "also write pxelinux.cfg/<HEX-IP> files"});
        k.put("node.filter", new String[] {"", "render only nodes whose name matches this regex"});
        k.put("node.names", new String[] {"", "render only these nodes (comma-separated)"});
        k.put("reload.debounce.ms", new String[] {"2000", "one reload per burst of changes within this window"});
        k.put("reload.timeout.ms", new String[] {"30000", "a reload or validation command is killed after this long"});
        k.put("reload.backoff.max.ms", new String[] {"60000", "longest wait between retries of a failing reload"});
        return Collections.unmodifiableMap(k);
    }

    /** Reads typed values out of the flat map, naming the key in every error. */
    private static final class Reader {
        private final Map<String, String> in;

        Reader(Map<String, String> in) {
            this.in = in;
        }

        boolean has(String key) {
            String v = in.get(key);
            if (v != null) {
                return !v.isEmpty();
            }
            String[] spec = KEYS.get(key);
            return spec != null && !spec[0].isEmpty();
        }

        String string(String key) {
            String v = in.get(key);
            if (v == null || v.isEmpty()) {
                String[] spec = KEYS.get(key);
                v = spec == null ? "" : spec[0];
            }
            return v;
        }

        <T> T wrap(String key, java.util.function.Supplier<T> parse) {
            try {
                return parse.get();
            } catch (InvalidSettingException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(key, e.getMessage());
            }
        }

        String token(String key) {
            return wrap(key, () -> Fields.token(key, string(key)));
        }

        String hostname(String key) {
            return wrap(key, () -> Fields.hostname(key, string(key)));
        }

        String hostOrIp(String key) {
            String v = string(key);
            if (Ipv4Address.isValid(v)) {
                return Ipv4Address.parse(v).toString();
            }
            return hostname(key);
        }

        Ipv4Address ip(String key) {
            return wrap(key, () -> Ipv4Address.parse(string(key)));
        }

        List<Ipv4Address> ips(String key) {
            List<Ipv4Address> out = new ArrayList<>();
            for (String s : split(string(key))) {
                out.add(wrap(key, () -> Ipv4Address.parse(s)));
            }
            return out;
        }

        Path path(String key) {
            String v = string(key);
            wrap(key, () -> Fields.path(key, v));
            if (!v.startsWith("/")) {
                throw new InvalidSettingException(key, "must be an absolute path: " + v);
            }
            return Path.of(v).normalize();
        }

        Path optionalPath(String key) {
            return has(key) ? path(key) : null;
        }

        String matching(String key, Pattern p, String fallback) {
            String v = in.containsKey(key) && !in.get(key).isEmpty() ? in.get(key) : string(key);
            if (v.isEmpty() && fallback != null) {
                v = fallback;
            }
            if (!p.matcher(v).matches()) {
                throw new InvalidSettingException(key, "holds a character the generated files cannot carry: "
                    + io.pxeflow.protocol.field.Printable.quote(v));
            }
            return v;
        }

        int port(String key) {
            int p = positiveInt(key);
            if (p > 65535) {
                throw new InvalidSettingException(key, "not a port: " + p);
            }
            return p;
        }

        int positiveInt(String key) {
            String v = string(key);
            try {
                int n = Integer.parseInt(v);
                if (n <= 0) {
                    throw new InvalidSettingException(key, "must be positive: " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidSettingException(key, "not a number: " + v);
            }
        }

        boolean bool(String key) {
            String v = string(key);
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes")) {
                return true;
            }
            if (v.equalsIgnoreCase("false") || v.equalsIgnoreCase("no")) {
                return false;
            }
            throw new InvalidSettingException(key, "must be true or false: " + v);
        }

        Map<Output, String> commands(String prefix) {
            Map<Output, String> out = new EnumMap<>(Output.class);
            for (Map.Entry<String, String> e : in.entrySet()) {
                String key = e.getKey();
                if (!key.startsWith(prefix) || KEYS.containsKey(key) || e.getValue().isEmpty()) {
                    continue;
                }
                Output o = wrap(key, () -> Output.fromCode(key.substring(prefix.length())));
                try {
                    Fields.cmdline(key, e.getValue());
                } catch (InvalidFieldException ex) {
                    throw new InvalidSettingException(key, ex.getMessage());
                }
                out.put(o, e.getValue());
            }
            return out;
        }
    }

    /** The settings as the flat map {@link #fromMap} reads, for logs and {@code --help} output. */
    public static String describeKeys() {
        StringBuilder sb = new StringBuilder();
        KEYS.forEach((k, v) -> sb.append(String.format("  %-22s %s%s%n", k, v[1],
            v[0].isEmpty() ? "" : " (default " + v[0] + ")")));
        sb.append(String.format("  %-22s %s%n", "reload.OUTPUT", "command run after OUTPUT changed, e.g. "
            + "reload.dhcpd=systemctl restart isc-dhcp-server"));
        sb.append(String.format("  %-22s %s%n", "validate.OUTPUT", "command checking a candidate file {file} before "
            + "it replaces the old one, e.g. validate.dhcpd=dhcpd -t -cf {file}"));
        return sb.toString();
    }
}
