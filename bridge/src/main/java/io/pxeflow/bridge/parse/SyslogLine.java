package io.pxeflow.bridge.parse;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a log line into time, program, pid and message. Accepts the shapes these servers'
 * lines arrive in: traditional syslog ({@code Nov 23 09:18:32 host dhcpd[9103]: msg}), busybox
 * syslogd ({@code ... host daemon.info dhcpd[9103]: msg}), RFC 3339 rsyslog, dnsmasq's own
 * log file ({@code Nov 23 09:17:22 dnsmasq-dhcp[8195]: msg}, no host) and a bare message (a
 * daemon in the foreground). The program must be one the caller names, so that words inside a
 * bare message are never mistaken for a program.
 */
record SyslogLine(Instant time, String program, String pid, String message) {

    private static final Pattern RFC3164 = Pattern.compile("^([A-Z][a-z]{2}) {1,2}(\\d{1,2}) (\\d\\d:\\d\\d:\\d\\d) +");
    private static final Pattern RFC3339 = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(?:\\.\\d+)?(?:Z|[+-]\\d\\d:\\d\\d)) +");
    private static final Pattern PROG_TOKEN = Pattern.compile("([A-Za-z][A-Za-z0-9_./-]*)(?:\\[(\\d+)\\])?:");
    private static final DateTimeFormatter MONTH_DAY_TIME = DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    /** The result of splitting: this line, a line of some other program, or a bare message. */
    sealed interface Split {
    }

    record Ours(SyslogLine line) implements Split {
    }

    record OtherProgram(String program) implements Split {
    }

    static Split split(String raw, Pattern programs, Clock clock, ZoneId zone) {
        String rest = raw;
        Instant time = null;
        Matcher m = RFC3164.matcher(rest);
        if (m.find()) {
            time = rfc3164(m.group(1), m.group(2), m.group(3), clock, zone);
            rest = rest.substring(m.end());
        } else {
            Matcher iso = RFC3339.matcher(rest);
            if (iso.find()) {
                try {
                    time = OffsetDateTime.parse(iso.group(1)).toInstant();
                } catch (DateTimeParseException e) {
                    time = null;
                }
                rest = rest.substring(iso.end());
            }
        }
        // Up to two tokens (host, busybox's facility.level) may precede "program[pid]:".
        String[] tokens = rest.split(" ", 4);
        for (int i = 0; i < Math.min(3, tokens.length); i++) {
            Matcher p = PROG_TOKEN.matcher(tokens[i]);
            if (p.matches()) {
                String prog = p.group(1);
                String message = rest.substring(offsetOfToken(rest, i) + tokens[i].length()).stripLeading();
                if (programs.matcher(prog).matches()) {
                    return new Ours(new SyslogLine(time != null ? time : clock.instant(), prog, p.group(2), message));
                }
                if (p.group(2) != null || time != null) {
                    return new OtherProgram(prog);
                }
                break;
            }
            if (tokens[i].contains("[") || tokens[i].endsWith(":")) {
                break;
            }
        }
        // No program: a daemon writing to its terminal. The whole line is the message.
        return new Ours(new SyslogLine(time != null ? time : clock.instant(), null, null, time != null ? rest : raw));
    }

    private static int offsetOfToken(String s, int index) {
        int off = 0;
        for (int i = 0; i < index; i++) {
            off = s.indexOf(' ', off) + 1;
        }
        return off;
    }

    /**
     * RFC 3164 stamps carry no year: take the clock's, and step back a year when that would put
     * the line more than a day in the future (a December line read in January).
     */
    private static Instant rfc3164(String mon, String day, String hms, Clock clock, ZoneId zone) {
        try {
            int year = ZonedDateTime.now(clock.withZone(zone)).getYear();
            LocalDateTime ldt = LocalDateTime.parse(year + " " + mon + " " + day + " " + hms, MONTH_DAY_TIME);
            Instant t = ldt.atZone(zone).toInstant();
            if (t.isAfter(clock.instant().plusSeconds(86_400))) {
                t = ldt.minusYears(1).atZone(zone).toInstant();
            }
            return t;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
