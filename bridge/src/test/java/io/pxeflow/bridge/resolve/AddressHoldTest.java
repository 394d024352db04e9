package io.pxeflow.bridge.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.field.Ipv4Address;
import io.pxeflow.protocol.field.MacAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hold/release rules for DHCP/PXE events whose client the address index does not know yet; a fake clock. */
class AddressHoldTest {
    private static final MacAddress MAC = MacAddress.of("02:00:00:00:00:0f");
    private static final Ipv4Address IP = Ipv4Address.parse("10.54.1.15");
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final AddressHold<String> hold = new AddressHold<>(GRACE, 3);
    private static final String CLIENT = TopicKeys.client(MAC, null);
    /** The address index, as the controller has filled it so far; complete since T0. */
    private final Map<String, String> index = new HashMap<>();

    private String lookup(String client) {
        return index.get(client);
    }

    private static AddressHold.Held<String> input(String what, Instant at) {
        return new AddressHold.Held<>(CLIENT, at, what);
    }

    private static List<String> payloads(List<AddressHold.Held<String>> held) {
        return held.stream().map(AddressHold.Held::payload).toList();
    }

    private static List<String> released(AddressHold.Outcome<String> out) {
        List<String> l = new ArrayList<>();
        out.released().forEach(r -> l.add((r.discovered() ? "discovered:" : r.node() + ":") + r.input().payload()));
        return l;
    }

    @Test
    void knownClient_goesStraightToItsNode_andNothingIsHeld() {
        index.put(CLIENT, "node15");
        AddressHold.Outcome<String> out = hold.offer(List.of(), input("pxe", T0), this::lookup, T0, T0);
        assertEquals(List.of("node15:pxe"), released(out));
        assertEquals(List.of(), out.held());
    }

    @Test
    void unknownClient_isHeld_notDiscovered_withinItsGrace() {
        AddressHold.Outcome<String> out = hold.offer(List.of(), input("pxe", T0), this::lookup, T0, T0);
        assertEquals(List.of(), released(out));
        assertEquals(List.of("pxe"), payloads(out.held()));

        AddressHold.Outcome<String> later = hold.drain(out.held(), this::lookup, T0.plus(GRACE).minusMillis(1), T0);
        assertEquals(List.of(), released(later), "one millisecond before the grace is over it still waits");
    }

    @Test
    void heldInput_goesToTheNode_onceTheIndexLearnsTheClient() {
        AddressHold.Outcome<String> out = hold.offer(List.of(), input("pxe", T0), this::lookup, T0, T0);
        index.put(CLIENT, "node15"); // the put-node reached the index
        AddressHold.Outcome<String> later = hold.drain(out.held(), this::lookup, T0.plusMillis(300), T0);
        assertEquals(List.of("node15:pxe"), released(later));
        assertEquals(List.of(), later.held());
    }

    @Test
    void heldInput_isDiscovered_whenItsGraceIsOver() {
        AddressHold.Outcome<String> out = hold.offer(List.of(), input("dhcp", T0), this::lookup, T0, T0);
        AddressHold.Outcome<String> later = hold.drain(out.held(), this::lookup, T0.plus(GRACE), T0);
        assertEquals(List.of("discovered:dhcp"), released(later));
        assertEquals(List.of(), later.held());
    }

    @Test
    void inputsBehindAHeldOne_waitBehindIt_andAllReachTheNodeInOrder() {
        AddressHold.Outcome<String> first = hold.offer(List.of(), input("dhcp-discover", T0), this::lookup, T0, T0);
        AddressHold.Outcome<String> second = hold.offer(first.held(), input("pxe-served", T0.plusMillis(50)),
            this::lookup, T0.plusMillis(50), T0);
        assertEquals(List.of(), released(second));
        assertEquals(List.of("dhcp-discover", "pxe-served"), payloads(second.held()));

        index.put(CLIENT, "node15");
        AddressHold.Outcome<String> third = hold.offer(second.held(), input("pxe-kernel", T0.plusMillis(80)),
            this::lookup, T0.plusMillis(80), T0);
        assertEquals(List.of("node15:dhcp-discover", "node15:pxe-served", "node15:pxe-kernel"), released(third),
            "the client's inputs reach the node in the order they arrived");
        assertEquals(List.of(), third.held());
    }

    @Test
    void eachHeldInput_hasItsOwnGrace_andOnlyExpiredOnesAreDiscovered() {
        List<AddressHold.Held<String>> queue = List.of(input("a", T0), input("b", T0.plusSeconds(3)));
        AddressHold.Outcome<String> out = hold.drain(queue, this::lookup, T0.plus(GRACE), T0);
        assertEquals(List.of("discovered:a"), released(out));
        assertEquals(List.of("b"), payloads(out.held()));
    }

    @Test
    void aChattyUnknownClient_cannotHoldMoreThanTheLimit_theOldestIsDiscoveredFirst() {
        List<AddressHold.Held<String>> queue = List.of();
        List<String> released = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            AddressHold.Outcome<String> out = hold.offer(queue, input("dhcp" + i, T0.plusMillis(i)), this::lookup,
                T0.plusMillis(i), T0);
            released.addAll(released(out));
            queue = out.held();
        }
        assertEquals(List.of("discovered:dhcp1", "discovered:dhcp2"), released);
        assertEquals(List.of("dhcp3", "dhcp4", "dhcp5"), payloads(queue));
    }

    @Test
    void aClientWithoutMac_isResolvedByItsIp() {
        index.put(TopicKeys.client(null, IP), "node15");
        AddressHold.Held<String> tftp = new AddressHold.Held<>(TopicKeys.client(null, IP), T0, "tftp");
        assertEquals(List.of("node15:tftp"), released(hold.offer(List.of(), tftp, this::lookup, T0, T0)));
    }

    @Test
    void whileTheIndexIsStillReplaying_nothingIsDiscovered_andGracesCountFromItsEnd() {
        AddressHold.Outcome<String> out = hold.offer(List.of(), input("dhcp", T0), this::lookup, T0, null);
        AddressHold.Outcome<String> later = hold.drain(out.held(), this::lookup, T0.plus(GRACE).plusSeconds(60), null);
        assertEquals(List.of(), released(later), "an index that is not complete cannot say a client is unknown");
        Instant complete = T0.plusSeconds(60);
        assertEquals(List.of(), released(hold.drain(later.held(), this::lookup, complete.plus(GRACE).minusMillis(1), complete)));
        assertEquals(List.of("discovered:dhcp"), released(hold.drain(later.held(), this::lookup, complete.plus(GRACE), complete)));
    }

    @Test
    void clientKey_isTheMac_elseTheIp_elseNothing() {
        assertEquals("mac/02:00:00:00:00:0f", TopicKeys.client(MAC, IP));
        assertEquals("ip/10.54.1.15", TopicKeys.client(null, IP));
        assertEquals(null, TopicKeys.client(null, null));
    }

    @Test
    void aZeroGrace_discoversAtOnce_asBeforeTheHoldExisted() {
        AddressHold<String> none = new AddressHold<>(Duration.ZERO, 3);
        AddressHold.Outcome<String> out = none.offer(List.of(), input("pxe", T0), this::lookup, T0, T0);
        assertEquals(List.of("discovered:pxe"), released(out));
        assertTrue(out.held().isEmpty());
    }

    @Test
    void aNegativeGraceOrNoRoom_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AddressHold<String>(Duration.ofMillis(-1), 3));
        assertThrows(IllegalArgumentException.class, () -> new AddressHold<String>(GRACE, 0));
    }
}
