package io.pxeflow.generator.render;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which nodes this worker renders, so that one generator per rack or DHCP server can share the
 * cluster's config topic. Host reservations (switches, PDUs) are not nodes and always pass.
 */
public sealed interface NodeFilter {
    boolean accepts(String node);

    /** Every node. */
    record All() implements NodeFilter {
        @Override
        public boolean accepts(String node) {
            return true;
        }

        @Override
        public String toString() {
            return "all nodes";
        }
    }

    /** Nodes whose whole name matches a regular expression, e.g. {@code rack0[1-4]-n[0-9]+}. */
    record Matching(Pattern pattern) implements NodeFilter {
        @Override
        public boolean accepts(String node) {
            return pattern.matcher(node).matches();
        }

        @Override
        public String toString() {
            return "nodes matching " + pattern.pattern();
        }
    }

    /** An explicit list of node names. */
    record Named(Set<String> names) implements NodeFilter {
        public Named {
            names = Set.copyOf(names);
        }

        @Override
        public boolean accepts(String node) {
            return names.contains(node);
        }

        @Override
        public String toString() {
            return names.size() + " named nodes";
        }
    }
}
