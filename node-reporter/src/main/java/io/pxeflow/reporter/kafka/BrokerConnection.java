package io.pxeflow.reporter.kafka;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One blocking plaintext connection to one broker, one request at a time. Opening it runs
 * ApiVersions and picks the Metadata and Produce versions both sides accept; a broker that
 * accepts none of them is refused with a {@link KafkaProtocolException}. Any I/O or protocol
 * error leaves the connection unusable: the caller closes it and opens a new one.
 */
final class BrokerConnection implements Closeable {
    /** A response larger than this is refused: one topic's metadata is a few hundred bytes. */
    static final int MAX_RESPONSE_BYTES = 1 << 20;

    private final String address;
    private final String clientId;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private int correlationId;
    private int metadataVersion;
    private int produceVersion;

    private BrokerConnection(String address, String clientId, Socket socket) throws IOException {
        this.address = address;
        this.clientId = clientId;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 4096));
    }

    static BrokerConnection open(String host, int port, String clientId, String softwareVersion,
                                 int connectTimeoutMs, int requestTimeoutMs) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            s.connect(new InetSocketAddress(host, port), connectTimeoutMs);
            s.setSoTimeout(requestTimeoutMs);
            BrokerConnection c = new BrokerConnection(host + ":" + port, clientId, s);
            c.negotiate(softwareVersion);
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private void negotiate(String softwareVersion) throws IOException {
        WireReader r = roundTrip(ApiVersionsExchange.KEY, ApiVersionsExchange.VERSION,
            ApiVersionsExchange.request(softwareVersion), false);
        ApiVersionsExchange.Supported supported = ApiVersionsExchange.response(r);
        metadataVersion = supported.pick(MetadataExchange.KEY, MetadataExchange.MIN_VERSION, MetadataExchange.MAX_VERSION);
        produceVersion = supported.pick(ProduceExchange.KEY, ProduceExchange.MIN_VERSION, ProduceExchange.MAX_VERSION);
        if (metadataVersion < 0 || produceVersion < 0) {
            throw new KafkaProtocolException("broker " + address + " accepts neither Metadata v"
                + MetadataExchange.MIN_VERSION + "-" + MetadataExchange.MAX_VERSION + " nor Produce v"
                + ProduceExchange.MIN_VERSION + "-" + ProduceExchange.MAX_VERSION);
        }
    }

    String address() {
        return address;
    }

    /** The request versions this connection settled on, for the log. */
    String versions() {
        return "Metadata v" + metadataVersion + ", Produce v" + produceVersion;
    }

    MetadataExchange.Topic metadata(String topic) throws IOException {
        WireReader r = roundTrip(MetadataExchange.KEY, metadataVersion, MetadataExchange.request(topic), true);
        return MetadataExchange.response(r, metadataVersion, topic);
    }

    ProduceExchange.Result produce(String topic, int partition, short acks, int timeoutMs, byte[] batch)
            throws IOException {
        WireReader r = roundTrip(ProduceExchange.KEY, produceVersion,
            ProduceExchange.request(topic, partition, acks, timeoutMs, batch), true);
        return ProduceExchange.response(r, topic, partition);
    }

    /**
     * Sends one request with header v2 (api key, version, correlation id, client id, no tagged
     * fields) and reads its response; {@code taggedResponseHeader} is false only for ApiVersions.
     */
    private WireReader roundTrip(short apiKey, int version, byte[] body, boolean taggedResponseHeader)
            throws IOException {
        int id = ++correlationId;
        WireWriter w = new WireWriter(body.length + clientId.length() + 24);
        w.int32(0);
        w.int16(apiKey).int16(version).int32(id).nullableString(clientId).noTaggedFields();
        w.bytes(body);
        w.putInt32(0, w.position() - 4);
        out.write(w.array(), 0, w.position());
        out.flush();
        int size;
        try {
            size = in.readInt();
        } catch (EOFException e) {
            throw new IOException("broker " + address + " closed the connection", e);
        }
        if (size < 4 || size > MAX_RESPONSE_BYTES) {
            throw new KafkaProtocolException("response of " + size + " bytes from " + address);
        }
        byte[] frame = new byte[size];
        in.readFully(frame);
        WireReader r = new WireReader(frame);
        int got = r.int32();
        if (got != id) {
            throw new KafkaProtocolException("correlation id " + got + " from " + address + ", expected " + id);
        }
        if (taggedResponseHeader) {
            r.skipTaggedFields();
        }
        return r;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
