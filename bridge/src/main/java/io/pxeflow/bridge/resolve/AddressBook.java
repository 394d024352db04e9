package io.pxeflow.bridge.resolve;

/**
 * Which node owns a client, as the controller published it on {@code addresses}: a
 * {@code mac/<MAC>} or {@code ip/<IP>} key to a node name.
 */
public interface AddressBook extends AutoCloseable {
    /** The node that owns the client, or null when none does (or the book is not complete yet). */
    String node(String client);

    /** True once the book holds everything the topic held when the bridge started. */
    boolean complete();

    @Override
    default void close() {
    }
}
