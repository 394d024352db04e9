package io.pxeflow.inventory;

import io.pxeflow.protocol.field.InvalidFieldException;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.Ipv4Network;
import io.pxeflow.protocol.field.Ipv4Range;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * What the directives of one file said, each value with its line, before the cross-checks that
 * need the whole file (a node may name a class defined further down).
 */
final class ConfigDraft {
    record Host(int line, MacAddress mac, Ipv4Address ip, List<String> names) {
    }

    record Node(int line, int index, String className, BootSequence sequence, BootStage stage, String name,
                Ipv4Address ip, List<MacAddress> macs, BmcSpec bmc) {
    }

    static final class ClassDraft {
        final String name;
        final int line;
        final Map<ClassKey, Lined<String>> values = new EnumMap<>(ClassKey.class);

        ClassDraft(String name, int line) {
            this.name = name;
            this.line = line;
        }
    }

    /** A {@code subnet} declaration, possibly spread over several lines, each setting with its line. */
    static final class SubnetDraft {
        final Ipv4Network network;
        final int line;
        final Map<SubnetKey, Lined<String>> values = new EnumMap<>(SubnetKey.class);

        SubnetDraft(Ipv4Network network, int line) {
            this.network = network;
            this.line = line;
        }
    }

    final String file;
    final HostInterfaces interfaces;
    final List<Problem> problems = new ArrayList<>();
    final List<Problem> warnings = new ArrayList<>();
    Lined<Integer> nodeCount;
    Lined<String> namePattern;
    Lined<Ipv4Address> master;
    Lined<Ipv4Range> ipRange;
    Lined<Ipv4Address> netmask;
    Lined<String> iface;
    /** A netmask, interface or subnet line was seen, valid or not: its own problem says what is wrong. */
    boolean networkDeclared;
    final Map<Ipv4Network, SubnetDraft> subnets = new LinkedHashMap<>();
    final List<Lined<Ipv4Range>> hostRanges = new ArrayList<>();
    final List<Host> hosts = new ArrayList<>();
    final Map<String, ClassDraft> classes = new LinkedHashMap<>();
    final List<Node> nodes = new ArrayList<>();
    final Map<Integer, Map<ClassKey, Lined<String>>> overrides = new TreeMap<>();
    final List<Lined<SortedSet<Integer>>> overrideSelections = new ArrayList<>();
    /** ClusterWare numbers an unnumbered node one past the highest number so far. */
    int nextIndex;

    ConfigDraft(String file, HostInterfaces interfaces) {
        this.file = file;
        this.interfaces = interfaces;
    }

    void problem(int line, String reason) {
        problems.add(new Problem(file, line, reason));
    }

    void warn(int line, String reason) {
        warnings.add(new Problem(file, line, reason));
    }

    /** Runs a check that throws InvalidFieldException; a failure becomes a problem at the line. */
    boolean check(int line, Runnable check) {
        try {
            check.run();
            return true;
        } catch (InvalidFieldException e) {
            problem(line, e.getMessage());
            return false;
        }
    }

    ClassDraft classDraft(String name, int line) {
        return classes.computeIfAbsent(name, n -> new ClassDraft(n, line));
    }
}
