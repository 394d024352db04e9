package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
    private static List<SseParser.Event> parse(String text) {
        SseParser p = new SseParser();
        List<SseParser.Event> out = new ArrayList<>();
        text.lines().forEach(l -> p.feed(l).ifPresent(out::add));
        return out;
    }

    @Test
    void namedEventWithData() {
        assertEquals(List.of(new SseParser.Event("lifecycle", "{\"a\":1}")),
            parse("event: lifecycle\ndata: {\"a\":1}\n\n"));
    }

    @Test
    void commentsAndEmptyBlocksAreIgnoredAndTypeResets() {
        List<SseParser.Event> events = parse(": keep-alive\n\nevent: x\ndata:1\n\ndata: 2\n\n");
        assertEquals(List.of(new SseParser.Event("x", "1"), new SseParser.Event("message", "2")), events);
    }

    @Test
    void multiLineDataJoinsWithNewlines() {
        assertEquals("a\nb", parse("data: a\ndata: b\n\n").get(0).data());
    }

    @Test
    void anUnfinishedEventIsNotDelivered() {
        assertTrue(parse("event: lifecycle\ndata: {}\n").isEmpty());
    }
}
