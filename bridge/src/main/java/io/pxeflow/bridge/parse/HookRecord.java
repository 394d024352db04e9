package io.pxeflow.bridge.parse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of {@code bin/pxeflow-dnsmasq-hook}, read back from its spool file: the arguments
 * and the environment variables it saw. Values are length-prefixed in the file, so a value may
 * hold newlines or anything else and still be read back exactly.
 */
public record HookRecord(Instant time, List<String> args, Map<String, String> env) {
    static final String HEADER = "pxeflow-hook 1\n";

    public HookRecord {
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    public String arg(int i) {
        return i < args.size() ? args.get(i) : null;
    }

    /** Reads a spool file; a truncated or foreign file is refused, never half-read. */
    public static HookRecord read(byte[] bytes) throws MalformedHookException {
        Reader r = new Reader(bytes);
        r.expect(HEADER);
        Instant time = null;
        List<String> args = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        while (!r.atEnd()) {
            String field = r.until(':', 8);
            switch (field) {
                case "time" -> {
                    String ns = r.until('\n', 24);
                    if (!ns.matches("\\d{1,22}")) {
                        throw new MalformedHookException("bad time " + ns);
                    }
                    long n = Long.parseLong(ns);
                    time = Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
                }
                case "arg" -> args.add(r.value());
                case "env" -> {
                    String name = r.until('=', 128);
                    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                        throw new MalformedHookException("bad variable name");
                    }
                    env.put(name, r.value());
                }
                default -> throw new MalformedHookException("unknown field " + field);
            }
        }
        if (time == null) {
            throw new MalformedHookException("no time field");
        }
        return new HookRecord(time, args, env);
    }

    /** A spool file that is not a complete version-1 hook record. */
    public static final class MalformedHookException extends Exception {
        private static final long serialVersionUID = 1L;

        public MalformedHookException(String message) {
            super(message);
        }
    }

    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        boolean atEnd() {
            return pos >= b.length;
        }

        void expect(String s) throws MalformedHookException {
            byte[] e = s.getBytes(StandardCharsets.US_ASCII);
            if (b.length < e.length) {
                throw new MalformedHookException("not a pxeflow hook file");
            }
            for (int i = 0; i < e.length; i++) {
                if (b[i] != e[i]) {
                    throw new MalformedHookException("not a pxeflow hook file");
                }
            }
            pos = e.length;
        }

        String until(char stop, int max) throws MalformedHookException {
            int start = pos;
            while (pos < b.length && b[pos] != stop) {
                if (pos - start > max) {
                    throw new MalformedHookException("field too long");
                }
                pos++;
            }
            if (pos >= b.length) {
                throw new MalformedHookException("truncated");
            }
            String s = new String(b, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return s;
        }

        /** {@code <len>:<len bytes>\n} */
        String value() throws MalformedHookException {
            String len = until(':', 10);
            if (!len.matches("\\d{1,9}")) {
                throw new MalformedHookException("bad length");
            }
            int n = Integer.parseInt(len);
            if (n > b.length - pos - 1 || b[pos + n] != '\n') {
                throw new MalformedHookException("truncated value");
            }
            String v = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n + 1;
            return v;
        }
    }
}
