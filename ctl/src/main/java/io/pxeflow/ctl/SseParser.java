package io.pxeflow.ctl;

import java.util.Optional;

/**
 * The text/event-stream framing (WHATWG HTML, "server-sent events"): {@code event:} and
 * {@code data:} lines, a blank line ends an event, lines starting with {@code :} are comments
 * (keep-alives). Fed one line at a time so it is tested without a socket.
 */
final class SseParser {
    record Event(String type, String data) {
    }

    private String type = "message";
    private StringBuilder data;

    Optional<Event> feed(String line) {
        if (line.isEmpty()) {
            if (data == null) {
                type = "message";
                return Optional.empty();
            }
            Event e = new Event(type, data.toString());
            type = "message";
            data = null;
            return Optional.of(e);
        }
        if (line.startsWith(":")) {
            return Optional.empty();
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if ("event".equals(field)) {
            type = value;
        } else if ("data".equals(field)) {
            if (data == null) {
                data = new StringBuilder(value);
            } else {
                data.append('\n').append(value);
            }
        }
        return Optional.empty();
    }
}
