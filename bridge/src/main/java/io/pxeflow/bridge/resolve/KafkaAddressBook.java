package io.pxeflow.bridge.resolve;

import io.pxeflow.kafka.replay.TopicReplay;
import io.pxeflow.protocol.KafkaConnection;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code addresses} topic replayed into memory and followed: a few tens of bytes per MAC, so a
 * 100,000-node cluster fits in a few tens of megabytes of bridge heap.
 */
public final class KafkaAddressBook implements AddressBook {
    private final Map<String, String> owners = new ConcurrentHashMap<>();
    private final TopicReplay replay;

    public KafkaAddressBook(KafkaConnection kafka, String topic) {
        this.replay = new TopicReplay("pxeflow-bridge-addresses", kafka, Map.of(), List.of(topic), List.of(), (r, history) -> {
            if (r.key() == null) {
                return;
            }
            if (r.value() == null) {
                owners.remove(r.key());
            } else {
                owners.put(r.key(), new String(r.value(), StandardCharsets.UTF_8));
            }
        });
    }

    public KafkaAddressBook start() {
        replay.start();
        return this;
    }

    @Override
    public String node(String client) {
        return owners.get(client);
    }

    @Override
    public boolean complete() {
        return replay.caughtUp();
    }

    @Override
    public void close() {
        replay.close();
    }
}
