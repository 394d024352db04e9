package io.pxeflow.controller.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Appends Prometheus text exposition (format 0.0.4) straight into a buffer. Per-node series are
 * written this way at scrape time instead of being registered as meters: at 10,000 nodes that is
 * a few hundred thousand samples which would otherwise each be a long-lived object.
 *
 * <p>Streaming: given a {@link Sink}, the buffer is handed over and emptied whenever a line ends
 * with it holding {@code chunkChars} or more, so a 100,000-node scrape (~120 MB of text) never
 * exists whole in memory. Chunks always end at a line end.
 */
public final class ExpositionWriter {
    /** Receives the text in chunks; must copy what it keeps, the buffer is reused. */
    @FunctionalInterface
    public interface Sink {
        void accept(CharSequence chunk) throws IOException;
    }

    private final StringBuilder out;
    private final Sink sink;
    private final int chunkChars;

    /** Writes everything into {@code out}. */
    public ExpositionWriter(StringBuilder out) {
        this.out = out;
        this.sink = null;
        this.chunkChars = Integer.MAX_VALUE;
    }

    /** Hands the text to {@code sink} in chunks of about {@code chunkChars}; call {@link #flush} at the end. */
    public ExpositionWriter(int chunkChars, Sink sink) {
        this.out = new StringBuilder(chunkChars + chunkChars / 4);
        this.sink = sink;
        this.chunkChars = chunkChars;
    }

    /** Text rendered elsewhere (the registered meters), written as is. */
    public void text(String s) {
        out.append(s);
        lineEnded();
    }

    /** Hands whatever is buffered to the sink. */
    public void flush() {
        if (sink != null && out.length() > 0) {
            try {
                sink.accept(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.setLength(0);
        }
    }

    private void lineEnded() {
        if (out.length() >= chunkChars) {
            flush();
        }
    }

    /** The HELP and TYPE lines that must precede a family's samples. */
    public void family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        lineEnded();
    }

    /** Starts a sample; follow with {@link #label} calls and one {@link #value}. */
    public ExpositionWriter sample(String name) {
        out.append(name).append('{');
        return this;
    }

    /**
     * Starts a sample whose first labels are already rendered ({@code node="a",class="b"}, made
     * once per node by {@link #labels}), so 25 families per node do not re-escape the same names.
     */
    public ExpositionWriter sample(String name, String renderedLabels) {
        out.append(name).append('{').append(renderedLabels);
        return this;
    }

    /** Renders label pairs once for reuse with {@link #sample(String, String)}. */
    public static String labels(String... namesAndValues) {
        StringBuilder sb = new StringBuilder("{");
        ExpositionWriter w = new ExpositionWriter(sb);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            w.label(namesAndValues[i], namesAndValues[i + 1]);
        }
        return sb.substring(1);
    }

    public ExpositionWriter label(String name, String value) {
        if (out.charAt(out.length() - 1) != '{') {
            out.append(',');
        }
        out.append(name).append("=\"");
        escape(value == null ? "" : value);
        out.append('"');
        return this;
    }

    public void value(double v) {
        out.append("} ");
        if (Double.isNaN(v)) {
            out.append("NaN");
        } else if (Double.isInfinite(v)) {
            out.append(v > 0 ? "+Inf" : "-Inf");
        } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            out.append((long) v);
        } else {
            out.append(v);
        }
        out.append('\n');
        lineEnded();
    }

    public void value(long v) {
        out.append("} ").append(v).append('\n');
        lineEnded();
    }

    private void escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            out.append(s);
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c == '"') {
                out.append("\\\"");
            } else if (c == '\n') {
                out.append("\\n");
            } else {
                out.append(c);
            }
        }
    }
}
