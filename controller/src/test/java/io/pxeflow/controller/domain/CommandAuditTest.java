package io.pxeflow.controller.domain;

import static io.pxeflow.controller.domain.Nodes.CENTOS;
import static io.pxeflow.controller.domain.Nodes.SCYLD;
import static io.pxeflow.controller.domain.Nodes.node15;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.BootSequence;
import io.pxeflow.protocol.message.BootStage;
import io.pxeflow.protocol.message.Command;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Issue #17: every admin call is in the node's event history with the token that made it. */
class CommandAuditTest {
    private static final String WHO = "api token alice (ctl)";
    private final NodeStateMachine machine = new NodeStateMachine(ControllerPolicy.defaults());
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private int request;

    private Command.Meta meta() {
        return new Command.Meta("audit-" + ++request, WHO, now);
    }

    private Node node() {
        return machine.apply(null, new NodeInput.Cmd(new Command.PutNode("node15", meta(), node15(CENTOS,
            BootSequence.PXE_LOCAL), BootStage.LOCAL)), now).node();
    }

    private List<LifecycleEvent> apply(Node s, Function<Command.Meta, Command> command) {
        return machine.apply(s, new NodeInput.Cmd(command.apply(meta())), now.plusSeconds(1)).events();
    }

    @Test
    void everyCommandThatChangesTheNodeNamesWhoAsked() {
        List<Function<Command.Meta, Command>> commands = List.of(
            m -> new Command.PutNode("node15", m, node15(CENTOS, BootSequence.PXE), null),
            m -> new Command.RemoveNode("node15", m),
            m -> new Command.Reprovision("node15", m, true),
            m -> new Command.SetStage("node15", m, BootStage.PXE),
            m -> new Command.SetClass("node15", m, SCYLD),
            m -> new Command.Wipe("node15", m),
            m -> new Command.InstallComplete("node15", m));
        for (Function<Command.Meta, Command> c : commands) {
            List<LifecycleEvent> events = apply(node(), c);
            assertTrue(events.stream().anyMatch(e -> e.detail() != null && e.detail().contains(WHO)),
                c.apply(meta()).getClass().getSimpleName() + ": " + events);
        }
        assertTrue(machine.apply(null, new NodeInput.Cmd(new Command.PutNode("node15", meta(), node15(CENTOS,
            BootSequence.PXE_LOCAL), null)), now).events().stream().anyMatch(e -> e.detail().contains(WHO)));
    }

    @Test
    void aCommandThatChangesNothingIsRecordedToo() {
        List<LifecycleEvent> events = apply(node(), m -> new Command.SetStage("node15", m, BootStage.LOCAL));
        assertEquals(1, events.size(), events.toString());
        assertEquals(LifecycleKind.COMMAND_APPLIED, events.get(0).kind());
        assertEquals("set-stage by " + WHO + ": nothing to change", events.get(0).detail());
    }

    @Test
    void aRejectedCommandNamesWhoAsked() {
        List<LifecycleEvent> events = machine.apply(null, new NodeInput.Cmd(new Command.Wipe("node99", meta())), now).events();
        assertEquals(LifecycleKind.COMMAND_REJECTED, events.get(0).kind());
        assertTrue(events.get(0).detail().contains("wipe by " + WHO), events.toString());
    }
}
