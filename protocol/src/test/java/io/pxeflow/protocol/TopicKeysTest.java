package io.pxeflow.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.DhcpMessageType;
import io.pxeflow.protocol.message.PxeEvent;
import io.pxeflow.protocol.message.PxeOutcome;
import io.pxeflow.protocol.message.PxeTransport;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TopicKeysTest {
    private static final MacAddress MAC = MacAddress.of("00:A0:D1:E5:C4:6E");
    private static final Ipv4Address IP = Ipv4Address.parse("10.54.3.15");
    private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

    @Test
    void dhcpIsKeyedByTheNormalisedMac() {
        DhcpEvent e = new DhcpEvent(DhcpMessageType.DISCOVER, MAC, null, null, null, null, null, null, null, T);
        assertEquals("00:a0:d1:e5:c4:6e", TopicKeys.dhcp(e));
    }

    @Test
    void pxeIsKeyedByMacElseClientIp() {
        assertEquals("00:a0:d1:e5:c4:6e", TopicKeys.pxe(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, MAC, IP,
            "pxelinux.0", 1L, "head", T)));
        assertEquals("10.54.3.15", TopicKeys.pxe(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, null, IP,
            "pxelinux.0", 1L, "head", T)));
    }

    @Test
    void aKeyThatDisagreesIsRefusedWithBothValuesQuoted() {
        assertNull(TopicKeys.mismatch("node15", "node15", "node"));
        assertEquals("key \"node15\\n\" does not match the record's node \"node16\"",
            TopicKeys.mismatch("node15\n", "node16", "node"));
        assertEquals("key null does not match the record's MAC \"00:a0:d1:e5:c4:6e\"",
            TopicKeys.mismatch(null, "00:a0:d1:e5:c4:6e", "MAC"));
        assertEquals("key \"00:A0:D1:E5:C4:6E\" does not match the record's MAC \"00:a0:d1:e5:c4:6e\"",
            TopicKeys.mismatch("00:A0:D1:E5:C4:6E", "00:a0:d1:e5:c4:6e", "MAC"));
    }
}
