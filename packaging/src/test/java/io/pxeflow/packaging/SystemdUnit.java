package io.pxeflow.packaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An installed systemd unit file, read the way systemd reads the parts of it that decide how its
 * process starts: so a test on a machine without systemd (a CI container) starts each daemon
 * exactly as its unit says, from the installed file, instead of repeating its command line.
 *
 * <p>Understood: line continuations, comments, {@code User}, {@code Group},
 * {@code SupplementaryGroups}, {@code DynamicUser}, {@code Environment} (quoted words),
 * {@code EnvironmentFile} (optional with {@code -}; it wins over {@code Environment}),
 * {@code ExecStartPre} (with {@code +}/{@code -} prefixes), {@code ExecStart}, {@code UMask},
 * {@code StateDirectory}, {@code StateDirectoryMode}, {@code CacheDirectory},
 * {@code SuccessExitStatus}, {@code TimeoutStopSec}, {@code LoadCredential} ({@link UnitProcess}); the specifiers
 * {@code %H}, {@code %d} and {@code %%};
 * {@code ${VAR}} (one word), {@code $VAR} (split at whitespace) and {@code $$} in command lines. Sandboxing
 * (ProtectSystem=, ...) is not emulated, PrivateTmp= only as a private TMPDIR ({@link UnitProcess});
 * {@code systemd-analyze verify} checks those lines.
 */
record SystemdUnit(String name, Map<String, List<String>> service) {
    static SystemdUnit read(Path file) throws IOException {
        Map<String, List<String>> service = new LinkedHashMap<>();
        String section = "";
        StringBuilder logical = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (logical.length() == 0 && (line.startsWith("#") || line.startsWith(";"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                logical.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            logical.append(line);
            String whole = logical.toString().strip();
            logical.setLength(0);
            if (whole.isEmpty()) {
                continue;
            }
            if (whole.startsWith("[") && whole.endsWith("]")) {
                section = whole;
            } else if (section.equals("[Service]")) {
                int eq = whole.indexOf('=');
                String key = whole.substring(0, eq).strip();
                String value = whole.substring(eq + 1).strip();
                if (value.isEmpty()) {
                    service.remove(key); // an empty assignment resets a list setting
                } else {
                    service.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return new SystemdUnit(file.getFileName().toString(), service);
    }

    String one(String key, String fallback) {
        List<String> v = service.get(key);
        return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    List<String> all(String key) {
        return service.getOrDefault(key, List.of());
    }

    /** Space-separated values of every line of a list setting (StateDirectory=a b). */
    List<String> words(String key) {
        List<String> out = new ArrayList<>();
        all(key).forEach(v -> out.addAll(List.of(v.trim().split("\\s+"))));
        return out;
    }

    /**
     * The service's environment: Environment= lines first, then the EnvironmentFile= files, which
     * override them (as systemd does); a missing file is an error unless its name starts with '-'.
     */
    Map<String, String> environment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : all("Environment")) {
            for (String word : splitWords(line)) {
                int eq = word.indexOf('=');
                if (eq > 0) {
                    env.put(word.substring(0, eq), word.substring(eq + 1));
                }
            }
        }
        for (String f : all("EnvironmentFile")) {
            boolean optional = f.startsWith("-");
            Path path = Path.of(optional ? f.substring(1) : f);
            if (!Files.exists(path)) {
                if (optional) {
                    continue;
                }
                throw new IOException(name + ": EnvironmentFile " + path + " does not exist");
            }
            for (String raw : Files.readAllLines(path)) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#") || line.startsWith(";") || line.indexOf('=') < 1) {
                    continue;
                }
                int eq = line.indexOf('=');
                String value = line.substring(eq + 1).strip();
                if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                    value = value.substring(1, value.length() - 1);
                }
                env.put(line.substring(0, eq).strip(), value);
            }
        }
        return env;
    }

    /** One Exec*= line as argv: prefixes removed, specifiers and variables expanded. */
    static Command command(String line, Map<String, String> env, String hostname) {
        int i = 0;
        boolean privileged = false;
        boolean ignoreFailure = false;
        while (i < line.length() && "+-@!:".indexOf(line.charAt(i)) >= 0) {
            privileged |= line.charAt(i) == '+';
            ignoreFailure |= line.charAt(i) == '-';
            i++;
        }
        List<String> argv = new ArrayList<>();
        String credentials = env.getOrDefault("CREDENTIALS_DIRECTORY", "");
        for (String word : splitWords(line.substring(i).replace("%H", hostname).replace("%d", credentials).replace("%%", "%"))) {
            if (word.matches("\\$\\{[A-Za-z_][A-Za-z0-9_]*}")) {
                argv.add(env.getOrDefault(word.substring(2, word.length() - 1), ""));
            } else if (word.matches("\\$[A-Za-z_][A-Za-z0-9_]*")) {
                String v = env.getOrDefault(word.substring(1), "").strip();
                if (!v.isEmpty()) {
                    argv.addAll(List.of(v.split("\\s+")));
                }
            } else {
                argv.add(expandInside(word, env));
            }
        }
        return new Command(argv, privileged, ignoreFailure);
    }

    /** Exit codes that count as a clean stop: 0, and SuccessExitStatus= numbers. */
    Set<Integer> successExitCodes() {
        java.util.Set<Integer> codes = new java.util.TreeSet<>(Set.of(0));
        for (String w : words("SuccessExitStatus")) {
            if (w.matches("\\d+")) {
                codes.add(Integer.parseInt(w));
            }
        }
        return codes;
    }

    /** TimeoutStopSec= in seconds (plain seconds or with an s/min suffix); systemd's default is 90. */
    long stopTimeoutSeconds() {
        String v = one("TimeoutStopSec", "90").trim();
        if (v.endsWith("min")) {
            return Long.parseLong(v.substring(0, v.length() - 3).trim()) * 60;
        }
        return Long.parseLong(v.endsWith("s") ? v.substring(0, v.length() - 1) : v);
    }

    /** ${VAR} inside a word becomes its value; $$ is a literal $ (for a shell the line starts). */
    private static String expandInside(String word, Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        var m = java.util.regex.Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)}").matcher(word);
        while (m.find()) {
            String value = m.group(1) == null ? "$" : env.getOrDefault(m.group(1), "");
            m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** systemd's word splitting: whitespace separates, double or single quotes group. */
    static List<String> splitWords(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < s.length()) {
                    w.append(s.charAt(++i));
                } else {
                    w.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /** A command line of the unit: run as root without the service's user when {@code privileged} ('+'). */
    record Command(List<String> argv, boolean privileged, boolean ignoreFailure) {
    }
}
