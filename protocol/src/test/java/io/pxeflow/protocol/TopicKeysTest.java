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
    void aDhcpClientIsKeyedByItsNormalisedMac() {
        DhcpEvent e = new DhcpEvent(DhcpMessageType.DISCOVER, MAC, null, null, null, null, null, null, null, T);
        assertEquals("mac/00:a0:d1:e5:c4:6e", TopicKeys.client(e));
    }

    @Test
    void aPxeClientIsKeyedByMacElseClientIp() {
        assertEquals("mac/00:a0:d1:e5:c4:6e", TopicKeys.client(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, MAC, IP,
            "pxelinux.0", 1L, "head", T)));
        assertEquals("ip/10.54.3.15", TopicKeys.client(new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, null, IP,
            "pxelinux.0", 1L, "head", T)));
    }

    @Test
    void aDhcpOrPxeEventIsKeyedByANodeName_orByItsOwnClientKey_andNothingElse() {
        DhcpEvent e = new DhcpEvent(DhcpMessageType.DISCOVER, MAC, null, null, null, null, null, null, null, T);
        assertNull(TopicKeys.dhcpMismatch("node15", e), "a node name: the node processor checks the node owns the MAC");
        assertNull(TopicKeys.dhcpMismatch("mac/00:a0:d1:e5:c4:6e", e));
        assertEquals("key \"mac/00:a0:d1:e5:c4:6f\" does not match the record's MAC \"mac/00:a0:d1:e5:c4:6e\"",
            TopicKeys.dhcpMismatch("mac/00:a0:d1:e5:c4:6f", e));
        assertEquals("key \"00:a0:d1:e5:c4:6e\" is neither a node name nor a client key (mac/…, ip/…)",
            TopicKeys.dhcpMismatch("00:a0:d1:e5:c4:6e", e), "the bare MAC of the old layout");
        assertEquals("key null does not match the record's MAC \"mac/00:a0:d1:e5:c4:6e\"", TopicKeys.dhcpMismatch(null, e));
        PxeEvent byIp = new PxeEvent(PxeTransport.TFTP, PxeOutcome.SENT, null, IP, "pxelinux.0", 1L, "head", T);
        assertNull(TopicKeys.pxeMismatch("ip/10.54.3.15", byIp));
        assertEquals("key \"ip/10.54.3.16\" does not match the record's client IP \"ip/10.54.3.15\"",
            TopicKeys.pxeMismatch("ip/10.54.3.16", byIp));
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
