package io.pxeflow.controller.api;

import io.pxeflow.controller.runtime.CommandPublisher;
import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.inventory.HostInterfaces;
import io.pxeflow.inventory.Inventory;
import io.pxeflow.inventory.InventoryDiff;
import io.pxeflow.inventory.InventoryFiles;
import io.pxeflow.inventory.NodeEntry;
import io.pxeflow.inventory.ScyldConfigWriter;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.HostReservation;
import io.pxeflow.protocol.message.NodeState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Declarative import and export. The imported file is the whole cluster: the difference to the
 * current inventory becomes one transaction of commands, runtime status is kept, and an
 * invalid file changes nothing.
 */
public final class InventoryService {
    private final ClusterView view;
    private final CommandPublisher publisher;

    public InventoryService(ClusterView view, CommandPublisher publisher) {
        this.view = view;
        this.publisher = publisher;
    }

    /** The outcome of an import: the difference, and whether it was applied. */
    public record ImportResult(InventoryDiff diff, boolean applied, List<String> warnings, List<String> requestIds,
                               CompletableFuture<Void> allApplied) {
    }

    public Inventory current() {
        List<NodeEntry> nodes = view.nodes().stream()
            .sorted(Comparator.comparingInt((NodeState s) -> s.spec().index()).thenComparing(NodeState::name))
            .map(s -> new NodeEntry(s.spec(), s.stage())).toList();
        return new Inventory(view.inventory(), nodes);
    }

    public String export() {
        return ScyldConfigWriter.write(current());
    }

    /** Parses and diffs; unless {@code dryRun}, publishes the difference. Throws InventoryException for a bad file. */
    public ImportResult importFile(String fileName, String text, boolean dryRun, String who) {
        // `interface IFACE` is read from this host's interfaces: imports are checked on the head node.
        Inventory desired = InventoryFiles.parse(fileName, text, HostInterfaces.system(), view.inventory());
        Inventory current = current();
        InventoryDiff diff = InventoryDiff.between(current, desired);
        List<String> warnings = desired.warnings().stream().map(Object::toString).toList();
        if (dryRun) {
            return new ImportResult(diff, false, warnings, List.of(), CompletableFuture.completedFuture(null));
        }
        Instant now = Instant.now();
        Map<String, NodeState> before = new HashMap<>();
        view.nodes().forEach(s -> before.put(s.name(), s));
        List<Command> commands = new ArrayList<>();
        Set<String> wanted = new HashSet<>();
        for (NodeEntry e : desired.nodes()) {
            wanted.add(e.name());
            NodeState s = before.get(e.name());
            boolean stageChange = e.stage() != null && (s == null || s.stage() != e.stage());
            if (s == null || !s.spec().equals(e.spec()) || stageChange) {
                commands.add(new Command.PutNode(e.name(), meta(who, now), e.spec(), e.stage()));
            }
        }
        for (String name : before.keySet()) {
            if (!wanted.contains(name)) {
                commands.add(new Command.RemoveNode(name, meta(who, now)));
            }
        }
        Set<String> removedHosts = new HashSet<>();
        Set<String> desiredHostKeys = new HashSet<>();
        desired.cluster().hosts().forEach(h -> desiredHostKeys.add(h.key()));
        for (HostReservation h : current.cluster().hosts()) {
            if (!desiredHostKeys.contains(h.key())) {
                removedHosts.add(h.key());
            }
        }
        // Waiting from before the publish: the commands go to every partition, and any of them may
        // be applied (and its waiter's moment gone) before the last one is sent.
        List<String> ids = commands.stream().map(c -> c.meta().requestId()).toList();
        CompletableFuture<Void> all = CompletableFuture.allOf(
            ids.stream().map(view::awaitRequest).toArray(CompletableFuture[]::new));
        try {
            publisher.send(commands, desired.cluster(), desired.cluster().hosts(), removedHosts);
        } catch (RuntimeException e) {
            ids.forEach(view::forget);
            throw e;
        }
        return new ImportResult(diff, true, warnings, ids, all);
    }

    static Command.Meta meta(String who, Instant now) {
        return new Command.Meta(UUID.randomUUID().toString(), who, now);
    }
}
