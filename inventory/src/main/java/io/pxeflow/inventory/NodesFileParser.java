package io.pxeflow.inventory;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.ClusterInventory;
import io.pxeflow.protocol.message.NodeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code IP hostname} nodes file that admins feed to {@code pxeboot} (one node a line),
 * with the MAC(s) as further columns: {@code 10.8.136.1 node001 00:a0:d1:e5:c4:6e}. The node
 * number comes from the name's trailing digits ({@code node003} is 3); the name is kept as
 * written. A line without a MAC is an error rather than a node pxeflow could never recognise:
 * PXE identifies a node by its MAC, so such a node would never get its boot config.
 * Nodes are diskless ({@code pxe}, the setup that file comes from), stage left unsaid.
 *
 * <p>The file has no way to declare a network, so it keeps the cluster's current one (the master
 * and subnets of the inventory it replaces) and every address must lie inside it; a cluster with
 * no network yet cannot take a nodes file.
 */
public final class NodesFileParser {
    private static final Pattern TRAILING_DIGITS = Pattern.compile("([0-9]{1,9})$");

    private NodesFileParser() {
    }

    /** Parses a file for a cluster with no network yet: any address is refused. */
    public static Inventory parse(String fileName, String text) {
        return parse(fileName, text, ClusterInventory.empty());
    }

    /** Parses a file whose addresses must lie in {@code network}'s subnets, which the result keeps. */
    public static Inventory parse(String fileName, String text, ClusterInventory network) {
        List<Problem> problems = new ArrayList<>();
        UniqueKeys unique = new UniqueKeys(fileName, problems);
        List<NodeEntry> nodes = new ArrayList<>();
        for (ConfigLine line : ConfigLines.split(text == null ? "" : text)) {
            int before = problems.size();
            NodeSpec spec = spec(fileName, line, problems);
            if (spec != null && problems.size() == before && network.subnetOf(spec.ip()).isEmpty()) {
                problems.add(new Problem(fileName, line.number(), spec.name() + ": " + spec.ip() + (network.subnets().isEmpty()
                    ? " cannot be served: the cluster has no network yet, and a nodes file cannot declare one; import a"
                        + " ClusterWare file with netmask, interface or subnet first"
                    : " lies in no subnet of the cluster (" + network.subnets().stream().map(s -> s.network().toString())
                        .collect(java.util.stream.Collectors.joining(", ")) + ")")));
            }
            if (spec != null && problems.size() == before) {
                unique.claim(InventoryAssembler.INDEX, spec.index(), spec.name(), line.number());
                unique.claim(InventoryAssembler.NAME, spec.name(), spec.name(), line.number());
                unique.claim(InventoryAssembler.IP, spec.ip(), spec.name(), line.number());
                spec.macs().forEach(m -> unique.claim(InventoryAssembler.MAC, m, spec.name(), line.number()));
                nodes.add(new NodeEntry(spec, null));
            }
        }
        if (!problems.isEmpty()) {
            throw new InventoryException(problems);
        }
        return new Inventory(new ClusterInventory(null, null, network.master(), null, null, null, null, network.subnets()),
            nodes);
    }

    private static NodeSpec spec(String file, ConfigLine line, List<Problem> problems) {
        List<String> w = line.words();
        if (w.size() < 2) {
            problems.add(new Problem(file, line.number(), "expected 'IP hostname MAC...'"));
            return null;
        }
        String name = w.get(1);
        Matcher digits = TRAILING_DIGITS.matcher(name);
        if (!digits.find()) {
            problems.add(new Problem(file, line.number(), name + ": a node name must end in its node number (node003)"));
            return null;
        }
        if (w.size() < 3) {
            problems.add(new Problem(file, line.number(), name + ": no MAC address; add it as the third column"
                + " (PXE recognises a node by its MAC)"));
            return null;
        }
        try {
            Ipv4Address ip = Ipv4Address.parse(w.get(0));
            List<MacAddress> macs = w.subList(2, w.size()).stream().map(MacAddress::of).toList();
            return new NodeSpec(Integer.parseInt(digits.group(1)), name, macs, ip, null, null, BootSequence.PXE);
        } catch (InvalidFieldException e) {
            problems.add(new Problem(file, line.number(), name + ": " + e.getMessage()));
            return null;
        }
    }
}
