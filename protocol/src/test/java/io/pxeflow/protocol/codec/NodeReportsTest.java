package io.pxeflow.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.message.Heartbeat;
import io.pxeflow.protocol.message.InstallReport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heartbeats topic carries two kinds of report; one decoder tells them apart. */
class NodeReportsTest {
    @Test
    void aHeartbeatAndAnInstallReport_eachDecodeAsWhatTheyAre() {
        Heartbeat hb = Samples.heartbeat();
        InstallReport ir = Samples.installReport();
        assertEquals(hb, CodecTest.ok(NodeReports.DECODER.decode(NodeReports.encode(hb))));
        assertEquals(ir, CodecTest.ok(NodeReports.DECODER.decode(NodeReports.encode(ir))));
        assertTrue(NodeReports.looksLikeInstallReport(NodeReports.encode(ir)));
        assertFalse(NodeReports.looksLikeInstallReport(NodeReports.encode(hb)));
        assertTrue(new String(NodeReports.encode(ir), StandardCharsets.UTF_8)
            .startsWith("{\"v\":1,\"report\":\"install-complete\",\"node\":\"node15\""));
    }

    @Test
    void aHeartbeatThatSpellsReportSomewhere_isStillAHeartbeat() {
        Heartbeat base = Samples.heartbeat();
        Heartbeat hb = new Heartbeat(base.node(), base.bootId(), base.seq(), base.time(), base.intervalSeconds(), null, null,
            null, null, null, null, null, null, null, null, null, null, null, List.of(),
            List.of(new Heartbeat.InterfaceCounters("report", 1, 2, 3, 4, 0, 0)));
        assertInstanceOf(Heartbeat.class, CodecTest.ok(NodeReports.DECODER.decode(Codec.HEARTBEAT.encode(hb))));
    }

    @Test
    void aBrokenInstallReport_isRefusedWithTheInstallReportsReason() {
        String json = "{\"v\":1,\"report\":\"install-complete\",\"node\":\"node 15\",\"bootId\":\"b\","
            + "\"time\":\"2024-05-01T10:00:00Z\"}";
        String reason = CodecTest.failure(NodeReports.DECODER.decode(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(reason.startsWith("invalid InstallReport"), reason);
        String other = "{\"v\":1,\"report\":\"reboot\",\"node\":\"node15\",\"bootId\":\"b\",\"time\":\"2024-05-01T10:00:00Z\"}";
        assertTrue(CodecTest.failure(NodeReports.DECODER.decode(other.getBytes(StandardCharsets.UTF_8)))
            .contains("report"), "a kind this build does not know is refused, not taken for a heartbeat");
    }
}
