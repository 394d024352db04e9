package io.pxeflow.power.worker;

import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The nodes one power worker acts for. A BMC is reachable only from its rack's management
 * network, so each rack's head node runs a worker whose shard is its rack; the others skip the
 * rack's requests (they see them all: each worker id is its own consumer group).
 */
public record NodeShard(String description, Predicate<String> accepts) {
    public static NodeShard all() {
        return new NodeShard("all nodes", n -> true);
    }

    /** Nodes whose whole name matches, e.g. {@code rack0[1-4]-n[0-9]+}. */
    public static NodeShard matching(Pattern p) {
        return new NodeShard("nodes matching " + p.pattern(), n -> p.matcher(n).matches());
    }

    public static NodeShard named(Set<String> names) {
        Set<String> copy = Set.copyOf(names);
        return new NodeShard(copy.size() + " named nodes", copy::contains);
    }

    public boolean takes(String node) {
        return accepts.test(node);
    }

    @Override
    public String toString() {
        return description;
    }
}
