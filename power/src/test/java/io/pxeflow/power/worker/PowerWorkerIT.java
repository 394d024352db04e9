package io.pxeflow.power.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.codec.Decoded;
import io.pxeflow.protocol.message.BmcProtocol;
import io.pxeflow.protocol.message.BmcSpec;
import io.pxeflow.protocol.message.DeadLetter;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerFailure;
import io.pxeflow.protocol.message.PowerOutcome;
import io.pxeflow.protocol.message.PowerRequest;
import io.pxeflow.protocol.message.PowerResult;
import io.pxeflow.protocol.message.PowerState;
import io.pxeflow.testkit.KafkaTestClients;
import io.pxeflow.testkit.TestKafka;
import io.pxeflow.testkit.bmc.IpmiSimulator;
import io.pxeflow.testkit.bmc.RedfishMockup;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The power worker on the test broker against real simulated BMCs: several ipmi_sim at once (two
 * that never answer) to see the fan-out limits hold, a wrong password, a node of another shard, a
 * request read twice or too late, and the Redfish mockup. Each test has its own topics.
 */
class PowerWorkerIT {
    private static final String PASSWORD = "Lab-bmc-7";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    private static Path credentials;

    @BeforeAll
    static void credentials() throws Exception {
        IpmiSimulator.assumeInstalled();
        credentials = Files.createDirectories(dir.resolve("bmc-credentials"));
        secret("lab", "username=admin\npassword=" + PASSWORD + "\n");
        secret("stale", "username=admin\npassword=last-years-password\n");
    }

    private static void secret(String name, String text) throws Exception {
        Path f = credentials.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    }

    /** One test's topics and worker. */
    private static final class Bench implements AutoCloseable {
        final String kafka = TestKafka.bootstrapServers();
        final Topics topics = new Topics(TestKafka.uniquePrefix());
        final PowerWorker worker;
        final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

        Bench(Map<String, String> settings) {
            KafkaTestClients.createTopics(kafka, 1, List.of(topics.power(), topics.powerStatus(), topics.deadletter()));
            Map<String, String> m = new HashMap<>(settings);
            m.put("topic.prefix", topics.prefix());
            m.put("bmc.credentials-dir", credentials.toString());
            m.putIfAbsent("call.timeout-ms", "2000");
            m.putIfAbsent("retry.attempts", "1");
            worker = new PowerWorker(kafka, PowerSettings.fromMap(m), registry).start();
        }

        void request(String node, PowerAction action, boolean pxeOnce, BmcSpec bmc, String id, Instant expires) {
            Instant asked = expires.isBefore(Instant.now()) ? expires.minusSeconds(300) : Instant.now();
            PowerRequest r = new PowerRequest(id, node, action, pxeOnce, bmc, "PowerWorkerIT", asked, expires);
            KafkaTestClients.send(kafka, topics.power(), node, Codec.POWER_REQUEST.encode(r));
        }

        void request(String node, PowerAction action, boolean pxeOnce, BmcSpec bmc, String id) {
            request(node, action, pxeOnce, bmc, id, Instant.now().plusSeconds(300));
        }

        /** Reads power-status until {@code done} holds for the results so far. */
        List<PowerResult> results(Predicate<List<PowerResult>> done) {
            List<PowerResult> out = new ArrayList<>();
            KafkaTestClients.readUntil(kafka, topics.powerStatus(), WAIT, records -> {
                out.clear();
                records.forEach(r -> out.add(((Decoded.Ok<PowerResult>) Codec.POWER_RESULT.decode(r.value())).value()));
                return done.test(out);
            });
            if (!done.test(out)) {
                throw new AssertionError("power-status within " + WAIT + ": " + out);
            }
            return out;
        }

        PowerResult result(List<PowerResult> all, String id) {
            return all.stream().filter(r -> r.requestId().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                "no result for " + id + " in " + all));
        }

        @Override
        public void close() {
            worker.close();
        }
    }

    private static BmcSpec ipmi(IpmiSimulator sim, String credentials) {
        return new BmcSpec(sim.address(), BmcProtocol.IPMI, credentials);
    }

    /** When the chassis was first called, from its log. */
    private static Instant firstCall(IpmiSimulator sim) {
        String ts = sim.calls().get(0).split(" ")[0];
        BigDecimal seconds = new BigDecimal(ts);
        return Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
    }

    @Test
    void twoBmcsThatNeverAnswerHoldBothSlotsAndTheRestWait() throws Exception {
        List<IpmiSimulator> sims = new ArrayList<>();
        try {
            for (String n : List.of("f1", "f2", "ok1", "ok2", "ok3")) {
                sims.add(IpmiSimulator.start(dir.resolve("fanout-" + n), PASSWORD, null));
            }
            sims.get(0).freeze();
            sims.get(1).freeze();
            try (Bench b = new Bench(Map.of("power.id", "fanout", "fanout.max-concurrent", "2", "fanout.per-second", "0"))) {
                for (int i = 0; i < sims.size(); i++) {
                    b.request("lab-n" + i, PowerAction.CYCLE, true, ipmi(sims.get(i), "lab"), "cycle-" + i);
                }
                List<PowerResult> all = b.results(r -> r.size() == 5);
                PowerResult f1 = b.result(all, "cycle-0");
                PowerResult f2 = b.result(all, "cycle-1");
                assertEquals(PowerFailure.TIMEOUT, f1.reason(), f1.toString());
                assertEquals(PowerFailure.TIMEOUT, f2.reason(), f2.toString());
                Instant slotFreed = f1.finished().isBefore(f2.finished()) ? f1.finished() : f2.finished();
                for (int i = 2; i < 5; i++) {
                    PowerResult ok = b.result(all, "cycle-" + i);
                    assertEquals(PowerOutcome.SUCCEEDED, ok.outcome(), ok.toString());
                    assertEquals(PowerState.ON, ok.state());
                    assertEquals("was off: powered on", ok.detail(), "the simulated chassis starts off");
                    assertFalse(ok.started().isBefore(slotFreed), "started before a slot was free: " + ok);
                    assertFalse(firstCall(sims.get(i)).isBefore(slotFreed.minusMillis(50)),
                        "its BMC was called while both slots were held");
                    // ipmitool reads the boot flags before it sets them.
                    assertEquals(List.of("get boot", "set boot pxe", "get power", "set power 1"), sims.get(i).operations());
                }
                assertTrue(b.registry.scrape().contains("pxeflow_power_failures_total{action=\"cycle\",reason=\"timeout\","
                    + "worker=\"fanout\"} 2.0"), b.registry.scrape());
            }
        } finally {
            sims.forEach(IpmiSimulator::close);
        }
    }

    @Test
    void startsAreSpacedByTheRate() throws Exception {
        List<IpmiSimulator> sims = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sims.add(IpmiSimulator.start(dir.resolve("rate-" + i), PASSWORD, null));
            }
            try (Bench b = new Bench(Map.of("power.id", "rate", "fanout.max-concurrent", "10", "fanout.per-second", "2"))) {
                for (int i = 0; i < sims.size(); i++) {
                    b.request("r-n" + i, PowerAction.ON, false, ipmi(sims.get(i), "lab"), "on-" + i);
                }
                List<PowerResult> all = b.results(r -> r.size() == 4);
                List<Instant> starts = all.stream().map(PowerResult::started).sorted().toList();
                // Starts are scheduled 500 ms apart; a start is stamped once its pool thread runs, which a
                // loaded machine delays by some milliseconds: no gap is near 0, and the span is the rate's.
                for (int i = 1; i < starts.size(); i++) {
                    Duration gap = Duration.between(starts.get(i - 1), starts.get(i));
                    assertTrue(gap.toMillis() >= 400, "two requests started " + gap.toMillis() + " ms apart at 2 per second");
                }
                Duration startSpan = Duration.between(starts.get(0), starts.get(3));
                assertTrue(startSpan.toMillis() >= 1450, "four starts within " + startSpan.toMillis() + " ms at 2 per second");
                // The BMCs' side: ipmitool's session set-up time varies per call, so only the span is exact enough.
                List<Instant> calls = sims.stream().map(PowerWorkerIT::firstCall).sorted().toList();
                Duration span = Duration.between(calls.get(0), calls.get(3));
                assertTrue(span.toMillis() >= 1200, "four BMCs first called within " + span.toMillis() + " ms at 2 per second");
                all.forEach(r -> assertEquals(PowerOutcome.SUCCEEDED, r.outcome(), r.toString()));
                sims.forEach(s -> assertEquals("1", s.power()));
            }
        } finally {
            sims.forEach(IpmiSimulator::close);
        }
    }

    @Test
    void wrongPasswordOtherShardDuplicateAndLateRequests() throws Exception {
        try (IpmiSimulator sim = IpmiSimulator.start(dir.resolve("rules"), PASSWORD, null);
             Bench b = new Bench(Map.of("power.id", "rack-lab", "node.filter", "lab-n[0-9]+"))) {
            b.request("other-n1", PowerAction.OFF, false, ipmi(sim, "lab"), "not-mine");
            b.request("lab-n1", PowerAction.STATUS, false, ipmi(sim, "stale"), "stale-password");
            b.request("lab-n2", PowerAction.STATUS, false, ipmi(sim, "missing"), "no-credentials");
            b.request("lab-n3", PowerAction.ON, false, ipmi(sim, "lab"), "twice");
            b.request("lab-n3", PowerAction.ON, false, ipmi(sim, "lab"), "twice");
            b.request("lab-n4", PowerAction.CYCLE, true, ipmi(sim, "lab"), "too-late", Instant.now().minusMillis(1));
            b.request("lab-n5", PowerAction.STATUS, false, ipmi(sim, "lab"), "last");
            List<PowerResult> all = b.results(r -> r.stream().anyMatch(x -> x.requestId().equals("last")));
            assertEquals(List.of("last", "no-credentials", "stale-password", "too-late", "twice"),
                all.stream().map(PowerResult::requestId).sorted().toList(), "one result per request this shard took, once");
            PowerResult stale = b.result(all, "stale-password");
            assertEquals(PowerFailure.AUTH, stale.reason());
            assertEquals("lab-n1's BMC ipmi://" + sim.address() + " refused user admin: wrong user name or password in "
                + "credentials stale", stale.detail());
            assertEquals(PowerFailure.CREDENTIALS, b.result(all, "no-credentials").reason());
            assertEquals(PowerFailure.EXPIRED, b.result(all, "too-late").reason());
            assertEquals(PowerState.ON, b.result(all, "last").state());
            assertEquals(List.of("set power 1", "get power"), sim.operations(),
                "other-n1's off, the expired cycle and the second 'twice' never reached the BMC");
        }
    }

    @Test
    void redfishThroughTheWorker() throws Exception {
        RedfishMockup.assumeInstalled();
        try (RedfishMockup bmc = RedfishMockup.start(dir.resolve("redfish"));
             Bench b = new Bench(Map.of("power.id", "redfish", "redfish.ca-file", bmc.caCertificate().toString()))) {
            b.request("rf-n1", PowerAction.CYCLE, true, new BmcSpec(bmc.address(), BmcProtocol.REDFISH, "lab"), "rf-cycle");
            PowerResult r = b.result(b.results(x -> x.size() == 1), "rf-cycle");
            assertEquals(PowerOutcome.SUCCEEDED, r.outcome(), r.toString());
            assertEquals(List.of("{'BootSourceOverrideTarget': 'Pxe', 'BootSourceOverrideEnabled': 'Once'}"),
                bmc.bootOverrides());
            assertEquals(List.of("ForceRestart"), bmc.resets());
        }
    }

    @Test
    void anUnreadableRequestIsDeadLetteredAndTheNextOneDone() throws Exception {
        try (IpmiSimulator sim = IpmiSimulator.start(dir.resolve("dead"), PASSWORD, null);
             Bench b = new Bench(Map.of("power.id", "dl"))) {
            KafkaTestClients.send(b.kafka, b.topics.power(), "lab-n1", ("{\"v\":1,\"node\":\"lab-n1\",\"action\":\"on\","
                + "\"pxeOnce\":false}").getBytes(StandardCharsets.UTF_8));
            b.request("lab-n2", PowerAction.ON, false, ipmi(sim, "lab"), "after-garbage");
            assertEquals(PowerOutcome.SUCCEEDED, b.result(b.results(x -> x.size() == 1), "after-garbage").outcome());
            List<ConsumerRecord<String, byte[]>> dead = KafkaTestClients.readUntil(b.kafka, b.topics.deadletter(), WAIT,
                r -> !r.isEmpty());
            DeadLetter dl = ((Decoded.Ok<DeadLetter>) Codec.DEAD_LETTER.decode(dead.get(0).value())).value();
            assertEquals(b.topics.power(), dl.topic());
            assertTrue(dl.reason().startsWith("invalid PowerRequest: requestId: missing"), dl.reason());
            assertTrue(dl.reason().endsWith("(refused by power worker dl)"), dl.reason());
        }
    }
}
