package io.pxeflow.bridge;

import io.pxeflow.bridge.kafka.EventSink;
import io.pxeflow.bridge.kafka.KafkaEventSink;
import io.pxeflow.bridge.parse.DhcpdSyslogParser;
import io.pxeflow.bridge.parse.DnsmasqLogParser;
import io.pxeflow.bridge.parse.HookParser;
import io.pxeflow.bridge.parse.HookRecord;
import io.pxeflow.bridge.parse.KeaLogParser;
import io.pxeflow.bridge.parse.LineParser;
import io.pxeflow.bridge.parse.ParseResult;
import io.pxeflow.bridge.parse.TftpdHpaParser;
import io.pxeflow.bridge.path.TftpPathResolver;
import io.pxeflow.bridge.resolve.AddressBook;
import io.pxeflow.bridge.resolve.KafkaAddressBook;
import io.pxeflow.bridge.resolve.NodeKeyer;
import io.pxeflow.bridge.spool.HeldSpool;
import io.pxeflow.bridge.spool.HookInbox;
import io.pxeflow.bridge.spool.OutboundSpool;
import io.pxeflow.bridge.spool.SpoolRecord;
import io.pxeflow.bridge.tail.LogTailer;
import io.pxeflow.metrics.WorkerDaemon;
import io.pxeflow.protocol.TopicKeys;
import io.pxeflow.protocol.Topics;
import io.pxeflow.protocol.codec.Codec;
import io.pxeflow.protocol.field.Printable;
import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge process: follows the configured log files, drains the hook spool, turns both into
 * {@code pxeflow.dhcp} / {@code pxeflow.pxe} records and produces them. One thread does it all,
 * in order; throughput is a few events per node boot, and one thread keeps ordering obvious.
 *
 * <p>Each record is keyed by the node that owns its client, looked up in the controller's
 * {@code addresses} topic ({@link NodeKeyer}), so that it lands in the node's partition beside its
 * heartbeats and commands; a client no node owns is held briefly (a node added a moment ago), then
 * sent keyed by the client, for discovery.
 *
 * <p>Delivery: while the outbound spool is empty and Kafka answers, records are produced
 * directly and acknowledged before a source's position moves on. When Kafka does not answer,
 * records go to the outbound spool, and while the spool is non-empty everything new goes behind
 * it, so Kafka sees events in the order they happened. Sources are never held up by Kafka:
 * the hook only writes files and logs are read at the bridge's own pace.
 *
 * <p>At least once: a record whose acknowledgement was lost may be produced twice (the
 * idempotent producer removes duplicates only within one producer session).
 */
public final class BridgeDaemon implements WorkerDaemon.Worker {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeDaemon.class);
    private static final int MAX_LINES = 500;
    private static final int MAX_HOOK_FILES = 200;
    private static final int MAX_LINE_BYTES = 16 * 1024;
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

    private record Source(LogTailer tailer, LineParser parser) {
    }

    private final BridgeConfig config;
    private final EventSink sink;
    private final Clock clock;
    private final Topics topics;
    private final BridgeMetrics metrics = new BridgeMetrics();
    private final List<Source> sources = new ArrayList<>();
    private final HookInbox inbox;
    private final HookParser hookParser;
    private final OutboundSpool spool;
    private final PairedTransferReports pairedTransfers = new PairedTransferReports();
    private final AddressBook book;
    private final NodeKeyer keyer;
    private volatile boolean running;
    private Thread thread;
    private Instant nextKafkaAttempt = Instant.MIN;
    private Duration retry = FIRST_RETRY;
    /** Written by the polling thread only; volatile for {@link #ready()}. */
    private volatile boolean kafkaDown;

    public BridgeDaemon(BridgeConfig config) {
        this(config, new KafkaEventSink(config.kafka(), config.kafkaTimeout()), addressBook(config), Clock.systemUTC());
    }

    private static AddressBook addressBook(BridgeConfig config) {
        return new KafkaAddressBook(config.kafka(), new Topics(config.topicPrefix()).addresses()).start();
    }

    /** @param book who owns which client; closed with the daemon */
    public BridgeDaemon(BridgeConfig config, EventSink sink, AddressBook book, Clock clock) {
        this.config = config;
        this.sink = sink;
        this.clock = clock;
        this.book = book;
        this.topics = new Topics(config.topicPrefix());
        TftpPathResolver resolver = new TftpPathResolver(config.tftpRoots());
        String server = config.server();
        if (config.dnsmasqLog() != null) {
            add(config.dnsmasqLog(), "dnsmasq", new DnsmasqLogParser(server, resolver, clock, config.zone()));
        }
        if (config.dhcpdLog() != null) {
            add(config.dhcpdLog(), "dhcpd", new DhcpdSyslogParser(server, clock, config.zone()));
        }
        if (config.tftpdLog() != null) {
            add(config.tftpdLog(), "tftpd",
                new TftpdHpaParser(server, resolver, clock, config.zone(), config.tftpdWindow()));
        }
        if (config.keaLog() != null) {
            add(config.keaLog(), "kea", new KeaLogParser(server, clock, config.zone()));
        }
        this.inbox = new HookInbox(config.incomingDir());
        this.hookParser = new HookParser(server, resolver);
        this.spool = new OutboundSpool(config.outboxDir(), config.spoolMaxEvents(), config.spoolMaxBytes(),
            config.spoolFsync(), metrics);
        this.keyer = new NodeKeyer(book, config.discoveryGrace(), new HeldSpool(config.heldDir(), config.spoolFsync()), clock);
        metrics.held(keyer.held());
    }

    private void add(Path log, String name, LineParser parser) {
        Path pos = config.positionsDir().resolve(name + ".pos");
        sources.add(new Source(new LogTailer(log, pos, !config.fromStart(), MAX_LINE_BYTES), parser));
    }

    public BridgeConfig config() {
        return config;
    }

    public BridgeMetrics metrics() {
        return metrics;
    }

    /** Events waiting in the outbound spool. */
    public int spooled() {
        return spool.size();
    }

    /**
     * Ready: the last delivery attempt reached Kafka and nothing waits in the outbound spool. False
     * from the first refused delivery until the spool has been drained into Kafka again. A bridge
     * with nothing to deliver does not probe Kafka, so it stays ready while idle.
     */
    @Override
    public boolean ready() {
        return !kafkaDown && spool.isEmpty();
    }

    /** Its loop outlives every error it can catch; only one it cannot (an Error) ends it early. */
    @Override
    public boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Starts the polling thread; returns this for chaining. */
    @Override
    public synchronized BridgeDaemon start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::loop, "pxeflow-bridge");
        thread.setDaemon(true);
        thread.start();
        LOG.info("bridge started: kafka {}, topics {}dhcp/{}pxe, spool {}, logs {}", config.bootstrap(),
            config.topicPrefix(), config.topicPrefix(), config.spoolDir(),
            sources.stream().map(s -> s.parser().source() + "=" + s.tailer().file()).toList());
        return this;
    }

    private void loop() {
        while (running) {
            int work;
            try {
                work = runOnce();
            } catch (RuntimeException | IOException e) {
                // Never die: a bad disk moment or a bug in one line must not stop the bridge.
                LOG.error("bridge poll failed; retrying", e);
                work = 0;
            }
            if (work == 0 && running) {
                try {
                    Thread.sleep(config.pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** One pass over the spool and every source; returns how much it did (0 = idle). */
    synchronized int runOnce() throws IOException {
        int work = 0;
        if (!spool.isEmpty() && kafkaDue()) {
            work += drainSpool();
        }
        List<SpoolRecord> released = keyer.drain();
        submit(released);
        work += released.size();
        for (Source s : sources) {
            List<String> lines = s.tailer().poll(MAX_LINES);
            List<SpoolRecord> records = new ArrayList<>();
            for (String line : lines) {
                metrics.lineRead();
                handle(s.parser().source(), s.parser().parse(line), records);
            }
            for (ParseResult r : s.parser().expire(clock.instant())) {
                handle(s.parser().source(), r, records);
            }
            submit(keyer.key(records));
            s.tailer().commit();
            work += lines.size();
        }
        List<Path> files = inbox.next(MAX_HOOK_FILES);
        if (!files.isEmpty()) {
            List<SpoolRecord> records = new ArrayList<>();
            for (Path f : files) {
                metrics.hookCall();
                try {
                    handle(PairedTransferReports.HOOK, hookParser.parse(HookRecord.read(Files.readAllBytes(f))), records);
                } catch (HookRecord.MalformedHookException e) {
                    handle(PairedTransferReports.HOOK, ParseResult.unparseable("hook-file", f.getFileName() + ": " + e.getMessage()), records);
                }
            }
            submit(keyer.key(records));
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
            work += files.size();
        }
        metrics.held(keyer.held());
        return work;
    }

    /** Events held for a node the bridge has not heard of yet. */
    public int held() {
        return keyer.held();
    }

    private void handle(String source, ParseResult result, List<SpoolRecord> out) {
        if (result instanceof ParseResult.Dhcp d) {
            DhcpEvent e = d.event();
            LOG.debug("{}: dhcp {} mac={} ip={} host={}", source, e.type().code(), e.mac(), e.ip(), e.hostname());
            out.add(new SpoolRecord(topics.dhcp(), TopicKeys.client(e), Codec.DHCP.encode(e)));
        } else if (result instanceof ParseResult.Pxe p) {
            PxeEvent e = p.event();
            if (pairedTransfers.isSecondReport(source, e, clock.instant())) {
                LOG.debug("{}: pxe {} {} ip={} already reported by the other dnsmasq source", source, e.outcome().code(),
                    e.path(), e.clientIp());
                metrics.ignored();
                return;
            }
            LOG.debug("{}: pxe {} {} mac={} ip={}", source, e.outcome().code(), e.path(), e.mac(), e.clientIp());
            out.add(new SpoolRecord(topics.pxe(), TopicKeys.client(e), Codec.PXE.encode(e)));
        } else if (result instanceof ParseResult.Ignored) {
            metrics.ignored();
        } else if (result instanceof ParseResult.Unparseable u && metrics.unparseable(u.kind())) {
            String line = u.line().length() > 300 ? u.line().substring(0, 300) + "…" : u.line();
            LOG.warn("{}: cannot parse a line of kind '{}' (logged once per kind, counted as unparseable.{}): {}",
                source, u.kind(), u.kind(), Printable.quote(line));
        }
    }

    /** Produces directly when nothing is waiting ahead of these records; spools otherwise. */
    private void submit(List<SpoolRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<SpoolRecord> rest = records;
        if (spool.isEmpty() && kafkaDue()) {
            int n = sink.deliver(records);
            metrics.produced(n);
            if (n == records.size()) {
                kafkaUp();
                return;
            }
            kafkaFailed();
            rest = records.subList(n, records.size());
        }
        for (SpoolRecord r : rest) {
            spool.append(r);
        }
    }

    private int drainSpool() {
        int done = 0;
        while (!spool.isEmpty()) {
            List<OutboundSpool.Entry> batch = spool.peek(MAX_LINES);
            if (batch.isEmpty()) {
                break;
            }
            int n = sink.deliver(batch.stream().map(OutboundSpool.Entry::record).toList());
            if (n > 0) {
                spool.removeThrough(batch.get(n - 1).seq());
                metrics.produced(n);
                done += n;
            }
            if (n < batch.size()) {
                kafkaFailed();
                return done;
            }
        }
        kafkaUp();
        return done;
    }

    private boolean kafkaDue() {
        return !clock.instant().isBefore(nextKafkaAttempt);
    }

    private void kafkaUp() {
        if (kafkaDown) {
            LOG.info("Kafka at {} is reachable again; spooled events delivered in order", config.bootstrap());
        }
        kafkaDown = false;
        metrics.kafkaReachable(true);
        retry = FIRST_RETRY;
        nextKafkaAttempt = Instant.MIN;
    }

    private void kafkaFailed() {
        if (!kafkaDown) {
            LOG.warn("Kafka at {} is unreachable; spooling events to {} (bound {} events / {} bytes)",
                config.bootstrap(), config.outboxDir(), config.spoolMaxEvents(), config.spoolMaxBytes());
        }
        kafkaDown = true;
        metrics.kafkaReachable(false);
        sink.reset();
        nextKafkaAttempt = clock.instant().plus(retry);
        retry = retry.multipliedBy(2).compareTo(config.kafkaRetryMax()) > 0 ? config.kafkaRetryMax() : retry.multipliedBy(2);
    }

    /** Stops the thread, saves log positions, and closes the producer. Spooled events stay on disk. */
    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(config.kafkaTimeout().multipliedBy(4).toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            for (Source s : sources) {
                try {
                    s.tailer().close();
                } catch (IOException e) {
                    LOG.warn("closing {} failed: {}", s.tailer().file(), e.getMessage());
                }
            }
            sink.close();
            book.close();
        }
        LOG.info("bridge stopped; {} events left in the spool {}", spool.size(), config.outboxDir());
    }
}
