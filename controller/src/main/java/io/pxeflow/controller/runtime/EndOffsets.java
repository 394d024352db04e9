package io.pxeflow.controller.runtime;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * One look at the resolver's input topics: their end offsets (read-committed) asked for at
 * {@code askedAt}, the controller group's committed offsets asked for after that, and how many
 * partitions the DHCP topic has (the number of resolver tasks). Whoever has read a partition up
 * to its end offset here has read everything appended to it before {@code askedAt}.
 */
record EndOffsets(long askedAt, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, int sources) {
}
