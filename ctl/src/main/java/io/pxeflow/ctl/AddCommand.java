package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pxeflow.protocol.field.Fields;
import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ctl add 15 --mac 00:a0:d1:e5:c4:6e}: ClusterWare's {@code node 15 ...} line as a
 * command. Fields are checked here with the protocol's validators so a typo is a usage error
 * (exit 2) before anything is sent; the controller checks again.
 */
@Command(name = "add", description = "Add (or update) a node by index and MAC address(es).")
final class AddCommand extends CtlCommand {
    enum Sequence {
        PXE_LOCAL("pxe+local"), PXE("pxe"), LOCAL("local");

        final String code;

        Sequence(String code) {
            this.code = code;
        }

        @Override
        public String toString() {
            return code;
        }
    }

    @Parameters(paramLabel = "INDEX", description = "The node's index (node15 is index 15)")
    int index;

    @Option(names = "--mac", required = true, paramLabel = "MAC", description = "A MAC address (repeat for each NIC)")
    List<String> macs;

    @Option(names = "--name", paramLabel = "NAME", description = "Host name (default node<INDEX>)")
    String name;

    @Option(names = "--ip", paramLabel = "IP", description = "Fixed IPv4 address (default: the node's current one, else from the inventory's iprange)")
    String ip;

    @Option(names = "--class", paramLabel = "CLASS", description = "Class (default: the inventory's default)")
    String nodeClass;

    @Option(names = "--sequence", paramLabel = "SEQ", converter = SequenceConverter.class,
        description = "pxe+local (install once), pxe (diskless), local")
    Sequence sequence;

    @Option(names = "--stage", paramLabel = "STAGE", description = "pxe or local")
    SetStageCommand.Stage stage;

    @Option(names = "--bmc", paramLabel = "ADDRESS",
        description = "The node's BMC: host or IPv4 address, optionally :PORT; 'none' removes it (default: kept)")
    String bmc;

    @Option(names = "--bmc-protocol", paramLabel = "PROTOCOL", description = "ipmi or redfish (default: the class's, else ipmi)")
    String bmcProtocol;

    @Option(names = "--bmc-credentials", paramLabel = "NAME",
        description = "The credentials file's name under the power worker's bmc.credentials-dir (default: the class's, else default)")
    String bmcCredentials;

    @Override
    protected int run() {
        if (index < 0) {
            throw CtlException.usage("INDEX must be 0 or more, not " + index);
        }
        String host = name != null ? name : "node" + index;
        ObjectNode body = JsonOut.object();
        body.put("index", index);
        ArrayNode list = body.putArray("macs");
        for (String mac : macs) {
            if (!MacAddress.isValid(mac)) {
                throw CtlException.usage("not a MAC address: " + mac + " (expected like 00:a0:d1:e5:c4:6e)");
            }
            list.add(MacAddress.of(mac).value());
        }
        if (!Fields.isHostname(host)) {
            throw CtlException.usage("not a valid host name (RFC 1123): " + host);
        }
        if (ip != null) {
            if (!Ipv4Address.isValid(ip)) {
                throw CtlException.usage("not an IPv4 address: " + ip);
            }
            body.put("ip", ip);
        }
        if (nodeClass != null) {
            body.put("class", nodeClass);
        }
        if (sequence != null) {
            body.put("sequence", sequence.code);
        }
        if (stage != null) {
            body.put("stage", stage.name());
        }
        bmc(body);
        ApiResponse resp = api().put("/api/v1/nodes/" + ApiClient.segment(host), body);
        if (format() == OutputFormat.json) {
            printJson(resp.body() == null || resp.body().isBlank() ? body : resp.json());
            return ExitCode.OK;
        }
        NodeAction.Outcome o = new NodeAction.Outcome(host, resp, null);
        JsonNode node = resp.accepted() ? body : resp.json();
        String what = "index " + index + ", " + String.join(" ", NodeTable.texts(node, "macs"))
            + (JsonOut.text(node, "ip") == null ? "" : ", " + JsonOut.text(node, "ip"))
            + (JsonOut.text(node, "class") == null ? "" : ", class " + JsonOut.text(node, "class"))
            + (body.path("bmc").isObject() ? ", BMC " + JsonOut.text(body.get("bmc"), "address")
                : body.has("bmc") ? ", no BMC" : "");
        out().println(NodeAction.line(o, "added " + what));
        return ExitCode.OK;
    }

    /** The inventory's {@code bmc=}, {@code bmcprotocol=}, {@code bmccredentials=}, checked as the import checks them. */
    private void bmc(ObjectNode body) {
        if (bmc == null) {
            if (bmcProtocol != null || bmcCredentials != null) {
                throw CtlException.usage("--bmc-protocol and --bmc-credentials need --bmc ADDRESS");
            }
            return;
        }
        if (bmc.equals("none")) {
            if (bmcProtocol != null || bmcCredentials != null) {
                throw CtlException.usage("--bmc none removes the BMC: it takes no --bmc-protocol or --bmc-credentials");
            }
            body.putNull("bmc");
            return;
        }
        BmcProtocol protocol = null;
        if (bmcProtocol != null) {
            protocol = BmcProtocol.fromCode(bmcProtocol);
            if (protocol == BmcProtocol.UNKNOWN) {
                throw CtlException.usage("--bmc-protocol must be ipmi or redfish, not " + bmcProtocol);
            }
        }
        try {
            new BmcSpec(bmc, protocol, bmcCredentials);
        } catch (InvalidFieldException e) {
            throw CtlException.usage(e.getMessage());
        }
        ObjectNode b = body.putObject("bmc");
        b.put("address", bmc);
        if (protocol != null) {
            b.put("protocol", protocol.code());
        }
        if (bmcCredentials != null) {
            b.put("credentials", bmcCredentials);
        }
    }

    /** Accepts the ClusterWare spelling (pxe+local) for the enum. */
    static final class SequenceConverter implements picocli.CommandLine.ITypeConverter<Sequence> {
        @Override
        public Sequence convert(String value) {
            for (Sequence s : Sequence.values()) {
                if (s.code.equalsIgnoreCase(value)) {
                    return s;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected pxe+local, pxe or local, not " + value);
        }
    }
}
