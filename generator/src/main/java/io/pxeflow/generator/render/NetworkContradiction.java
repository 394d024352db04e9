package io.pxeflow.generator.render;

/**
 * The inventory's networks cannot be served as declared: a generator setting contradicts them
 * (a {@code head.address} outside every subnet), or the head node's interface no longer has the
 * network the inventory read from it. The message says which, and what to change.
 */
public final class NetworkContradiction extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetworkContradiction(String message) {
        super(message);
    }
}
