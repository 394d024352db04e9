package io.pxeflow.bridge.parse;

import io.pxeflow.protocol.message.DhcpEvent;
import io.pxeflow.protocol.message.PxeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Real lines captured from the servers (see src/test/resources/lines/README.md). */
final class Captured {
    /** The capture ran on 2026-11-23 (the machine's clock); RFC 3164 stamps take this year. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);

    private Captured() {
    }

    static List<String> lines(String resource) {
        try (InputStream in = Captured.class.getResourceAsStream("/lines/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String resource) {
        try (InputStream in = Captured.class.getResourceAsStream("/lines/" + resource)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every result of feeding the lines through the parser, expiring held-back ones at the end. */
    static List<ParseResult> parseAll(LineParser parser, List<String> lines, Instant end) {
        List<ParseResult> out = new ArrayList<>();
        for (String l : lines) {
            out.add(parser.parse(l));
            out.addAll(parser.expire(CLOCK.instant()));
        }
        out.addAll(parser.expire(end));
        return out;
    }

    static List<DhcpEvent> dhcp(List<ParseResult> results) {
        return results.stream().filter(r -> r instanceof ParseResult.Dhcp).map(r -> ((ParseResult.Dhcp) r).event()).toList();
    }

    static List<PxeEvent> pxe(List<ParseResult> results) {
        return results.stream().filter(r -> r instanceof ParseResult.Pxe).map(r -> ((ParseResult.Pxe) r).event()).toList();
    }

    static List<ParseResult.Unparseable> unparseable(List<ParseResult> results) {
        return results.stream().filter(r -> r instanceof ParseResult.Unparseable).map(r -> (ParseResult.Unparseable) r).toList();
    }
}
