package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When does --wait consider a reprovisioned node done? */
class NodeProgressTest {
    private static JsonNode json(String s) {
        return JsonOut.parse(s);
    }

    private static JsonNode status(String node, String from, String to) {
        return json("{\"node\":\"" + node + "\",\"kind\":\"status-changed\",\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
    }

    private static NodeProgress upNode() {
        return new NodeProgress("node15", json("{\"status\":\"up\",\"stage\":\"pxe\",\"bootId\":\"old\"}"));
    }

    @Test
    void aNodeStillUpFromBeforeIsNotDone() {
        assertEquals(NodeProgress.Outcome.WAITING, upNode().outcome());
    }

    @Test
    void upAfterNetbootingIsDone() {
        NodeProgress p = upNode();
        assertTrue(p.onEvent(status("node15", "up", "netbooting")));
        assertEquals(NodeProgress.Outcome.WAITING, p.outcome());
        p.onEvent(status("node15", "netbooting", "booting"));
        p.onEvent(status("node15", "booting", "up"));
        assertEquals(NodeProgress.Outcome.UP, p.outcome());
    }

    @Test
    void stageChangesAreShownButDoNotFinish() {
        NodeProgress p = upNode();
        assertTrue(p.onEvent(json("{\"node\":\"node15\",\"kind\":\"stage-changed\",\"from\":\"pxe\",\"to\":\"local\"}")));
        assertEquals("local", p.stage());
        assertEquals(NodeProgress.Outcome.WAITING, p.outcome());
    }

    @Test
    void otherNodesEventsAreIgnored() {
        NodeProgress p = upNode();
        assertFalse(p.onEvent(status("node16", "up", "netbooting")));
        assertEquals("up", p.status());
    }

    @Test
    void bootLoopEndsTheWaitAsAFailure() {
        NodeProgress p = upNode();
        p.onEvent(json("{\"node\":\"node15\",\"kind\":\"boot-loop\",\"from\":\"netbooting\",\"to\":\"boot-loop\"}"));
        assertEquals(NodeProgress.Outcome.BOOT_LOOP, p.outcome());
    }

    @Test
    void pollingSeesARebootByItsNewBootId() {
        NodeProgress p = upNode();
        p.onPoll(json("{\"status\":\"up\",\"stage\":\"local\",\"bootId\":\"old\"}"));
        assertEquals(NodeProgress.Outcome.WAITING, p.outcome());
        p.onPoll(json("{\"status\":\"up\",\"stage\":\"local\",\"bootId\":\"new\"}"));
        assertEquals(NodeProgress.Outcome.UP, p.outcome());
    }

    @Test
    void terminalLinesOnePerNodeOrOneSummaryForARack() {
        NodeProgress a = upNode();
        a.onEvent(status("node15", "up", "netbooting"));
        assertEquals(List.of("node15  netbooting   stage pxe    1m05s"),
            ProgressDisplay.lines(List.of(a), Duration.ofSeconds(65)));
        List<NodeProgress> rack = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rack.add(new NodeProgress("n" + i, json("{\"status\":\"up\",\"stage\":\"pxe\"}")));
        }
        rack.get(0).onEvent(status("n0", "up", "booting"));
        assertEquals(List.of("25 nodes: booting 1, waiting 24  3s"), ProgressDisplay.lines(rack, Duration.ofSeconds(3)));
    }

    @Test
    void pipedOutputSaysWhatItWaitsForEachChangeAndStillWaitingOncePerQuietMinute() {
        java.io.StringWriter text = new java.io.StringWriter();
        ProgressDisplay piped = new ProgressDisplay(new java.io.PrintWriter(text), false);
        NodeProgress a = upNode();
        piped.started(List.of(a), Duration.ofMinutes(30));
        piped.tick(List.of(a), Duration.ofSeconds(59));
        a.onEvent(status("node15", "up", "netbooting"));
        piped.changed(a, Duration.ofSeconds(59));
        piped.tick(List.of(a), Duration.ofSeconds(118));
        piped.tick(List.of(a), Duration.ofSeconds(119));
        piped.tick(List.of(a), Duration.ofSeconds(150));
        piped.tick(List.of(a), Duration.ofSeconds(179));
        assertEquals("""
            waiting up to 30m00s for node15 to boot and come up
            node15: netbooting, stage pxe
            still waiting after 1m59s: node15 netbooting, stage pxe
            still waiting after 2m59s: node15 netbooting, stage pxe
            """, text.toString());
    }

    @Test
    void stillWaitingSummarisesARack() {
        List<NodeProgress> rack = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rack.add(new NodeProgress("n" + i, json("{\"status\":\"registered\",\"stage\":\"pxe\"}")));
        }
        rack.get(0).onEvent(status("n0", "registered", "netbooting"));
        rack.get(1).onEvent(status("n1", "registered", "netbooting"));
        rack.get(2).onEvent(status("n2", "registered", "netbooting"));
        rack.get(2).onEvent(status("n2", "netbooting", "up"));
        assertEquals("still waiting after 5m00s: 5 nodes (netbooting 2, registered 3)",
            ProgressDisplay.stillWaiting(rack, Duration.ofMinutes(5)));
    }

    @Test
    void aTerminalGetsNoPlainLines() {
        java.io.StringWriter text = new java.io.StringWriter();
        ProgressDisplay tty = new ProgressDisplay(new java.io.PrintWriter(text), true);
        NodeProgress a = upNode();
        tty.started(List.of(a), Duration.ofMinutes(30));
        tty.changed(a, Duration.ofSeconds(1));
        tty.tick(List.of(a), Duration.ofMinutes(5));
        assertEquals("", text.toString());
    }

    @Test
    void durations() {
        assertEquals(Duration.ofSeconds(90), DurationConverter.parse("90s"));
        assertEquals(Duration.ofSeconds(45), DurationConverter.parse("45"));
        assertEquals(Duration.ofMinutes(90), DurationConverter.parse("1h30m"));
        for (String bad : new String[] {"", "0s", "10x", "m10", "1.5h"}) {
            org.junit.jupiter.api.Assertions.assertThrows(picocli.CommandLine.TypeConversionException.class,
                () -> DurationConverter.parse(bad), bad);
        }
    }
}
