package io.pxeflow.bridge.resolve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An address book the test fills by hand, as the controller fills the topic; complete unless told otherwise. */
public final class MapAddressBook implements AddressBook {
    public final Map<String, String> owners = new ConcurrentHashMap<>();
    public volatile boolean complete = true;

    public MapAddressBook with(String client, String node) {
        owners.put(client, node);
        return this;
    }

    @Override
    public String node(String client) {
        return owners.get(client);
    }

    @Override
    public boolean complete() {
        return complete;
    }
}
