package io.pxeflow.reporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.Heartbeat;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The loop against a sink whose sends complete only when the test says so: no broker. */
class HeartbeatLoopTest {
    final ManualSink producer = new ManualSink();
    final HeartbeatLoop loop = new HeartbeatLoop(SamplerTest.sampler("typical", "node15"), producer,
        3, HeartbeatLoop.MAX_IN_FLIGHT, Runnable::run, null);

    @Test
    void eachTickSendsOneHeartbeatKeyedByNode() {
        loop.tick();
        producer.completeNext();
        loop.tick();
        producer.completeNext();
        assertEquals(List.of(1L, 2L), seqs(producer.history()));
        assertEquals("node15", producer.history().get(0).key());
        assertEquals(new HeartbeatLoop.Stats(2, 2, 0, 0, 0, 0, true), loop.stats());
    }

    @Test
    void whileKafkaIsAwayOnlyTheLatestFewAreKeptAndOneProbes() {
        loop.tick();
        producer.errorNext(new TimeoutException("broker gone"));
        for (int i = 0; i < 50; i++) {
            loop.tick();
        }
        HeartbeatLoop.Stats s = loop.stats();
        assertEquals(51, s.sampled());
        assertEquals(1, s.inFlight(), "one heartbeat probes for Kafka, not a burst");
        assertEquals(3, s.buffered());
        assertEquals(2, producer.history().size(), "the first send and one probe; the rest waited");
        assertEquals(51, s.buffered() + s.inFlight() + s.dropped(), "every sample is waiting, in flight or counted as dropped");
        assertFalse(s.kafkaReachable(), "not ready while Kafka refuses");
    }

    @Test
    void whenKafkaAnswersAgainTheWaitingHeartbeatsFollowAtOnceNewestLast() {
        loop.tick();
        producer.errorNext(new TimeoutException("broker gone"));
        for (int i = 0; i < 10; i++) {
            loop.tick();
        }
        // The probe (seq 1, re-queued after its failure) is acknowledged: Kafka is back.
        producer.completeNext();
        // Without another tick, the buffered ones are already handed over; ack them as Kafka would.
        while (producer.completeNext()) {
            // acknowledging each lets the next one go
        }
        List<Long> sent = seqs(producer.history());
        assertEquals(11L, sent.get(sent.size() - 1), "the newest sample reached Kafka without waiting for a tick");
        assertEquals(List.of(1L, 1L, 9L, 10L, 11L), sent);
        assertEquals(0, loop.stats().buffered());
        assertEquals(0, loop.stats().inFlight());
        assertTrue(loop.stats().kafkaReachable(), "ready again once a heartbeat is acknowledged");
    }

    @Test
    void aFailedSendIsRetriedAtTheNextTickNotInALoop() {
        loop.tick();
        producer.errorNext(new TimeoutException("no metadata"));
        assertEquals(1, producer.history().size(), "no immediate resend from the failure callback");
        assertEquals(1, loop.stats().buffered());
        loop.tick();
        assertEquals(2, producer.history().size());
        assertEquals(1L, seqs(producer.history()).get(1), "the failed heartbeat goes first, it is the oldest");
    }

    @Test
    void aClosedProducerCountsAsAFailedSendAndTheScheduleSurvives() {
        producer.close(java.time.Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            loop.tick();
        }
        assertEquals(5, loop.stats().sampled());
        assertTrue(loop.stats().buffered() <= 3);
        assertEquals(0, loop.stats().inFlight());
    }

    private static List<Long> seqs(List<ManualSink.Sent> records) {
        return records.stream().map(r -> ((Decoded.Ok<Heartbeat>) Codec.HEARTBEAT.decode(r.value())).value().seq()).toList();
    }
}
