package io.pxeflow.ctl;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What varies from run to run in ctl's output against a live controller, replaced by fixed
 * placeholders of the same width so tables keep their shape: the URL, request ids, times, ages
 * (any unit reads {@code Ns}) and the heartbeat age in JSON. The command line is left as typed.
 */
final class LiveOutput {
    private static final Pattern REQUEST_ID =
        Pattern.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern SHORT_TIME = Pattern.compile("(?<![\\d-])\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    private static final Pattern JSON_AGE = Pattern.compile("(\"heartbeatAgeSeconds\"\\s*:\\s*)[0-9.eE-]+");
    /** Hex MACs never hold s or m, so these units cannot eat a MAC byte. */
    private static final Pattern AGE = Pattern.compile("( *)\\b(\\d+)[sm]\\b");

    private LiveOutput() {
    }

    static String normalise(String transcript, String url) {
        int firstLine = transcript.indexOf('\n') + 1;
        String head = transcript.substring(0, firstLine).replace(url, "$URL");
        String body = transcript.substring(firstLine).replace(url, "$URL");
        body = REQUEST_ID.matcher(body).replaceAll("<request-id>");
        body = INSTANT.matcher(body).replaceAll("<time>");
        body = TIME.matcher(body).replaceAll("YYYY-MM-DD hh:mm:ss");
        body = SHORT_TIME.matcher(body).replaceAll("MM-DD hh:mm:ss");
        body = JSON_AGE.matcher(body).replaceAll("$1<age>");
        Matcher m = AGE.matcher(body);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int width = m.group(1).length() + m.group(2).length();
            m.appendReplacement(out, " ".repeat(width - 1) + "Ns");
        }
        m.appendTail(out);
        return head + out;
    }
}
