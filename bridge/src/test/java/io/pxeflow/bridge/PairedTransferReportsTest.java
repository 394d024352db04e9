package io.pxeflow.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedTransferReportsTest {
    private static final Instant T = Instant.parse("2026-11-23T12:11:43Z");
    private final PairedTransferReports reports = new PairedTransferReports();

    private static PxeEvent sent(Instant time) {
        return new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, null, Ipv4Address.parse("10.54.0.10"),
            "pxelinux.cfg/01-00-a0-d1-e5-c4-6e", 360L, "head1", time);
    }

    private List<String> forwarded(String... sourceAndMillis) {
        List<String> out = new ArrayList<>();
        for (String s : sourceAndMillis) {
            String[] p = s.split("@");
            Instant time = T.plusMillis(Long.parseLong(p[1]));
            if (!reports.isSecondReport(p[0], sent(time), time.plusMillis(50))) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void theHookAndTheLogLineOfOneTransferAreOneEventInEitherOrder() {
        // The log stamps whole seconds: 43.600 is logged as 43.
        assertEquals(List.of("hook@600"), forwarded("hook@600", "dnsmasq@0"));
        assertEquals(List.of("dnsmasq@2000"), forwarded("dnsmasq@2000", "hook@2990"));
    }

    @Test
    void twoRealFetchesASecondApartBothCountWhicheverSourceReportsFirst() {
        assertEquals(List.of("hook@600", "dnsmasq@1000"),
            forwarded("hook@600", "dnsmasq@0", "dnsmasq@1000", "hook@1700"));
        assertEquals(List.of("dnsmasq@5000", "hook@5900"),
            forwarded("dnsmasq@5000", "hook@5400", "hook@5900", "dnsmasq@5000"));
    }

    @Test
    void withOneSourceEveryReportCounts() {
        assertEquals(List.of("dnsmasq@0", "dnsmasq@0"), forwarded("dnsmasq@0", "dnsmasq@0"));
        assertEquals(List.of("hook@60100", "hook@60300"), forwarded("hook@60100", "hook@60300"));
    }
}
