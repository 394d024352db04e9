import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lists every test that skipped in the last run, with its reason, read from the Surefire and
 * Failsafe XML reports of every module: a skip is never silent, whichever module it was in and
 * whether or not it went through testkit's Prerequisites. bin/test runs it after `./mvnw verify`
 * (`java build/TestSkips.java [ROOT [SINCE-FILE]]`, a single-file program: nothing to build first).
 * With SINCE-FILE only reports written after that file count, so a module left out of this run
 * does not bring back the skips of an older one.
 *
 * <p>Prints one line per reason with the tests it skipped, then a total. Exit status 0 always:
 * whether a skip is acceptable is the tests' decision (PXEFLOW_REQUIRE_ALL), not this listing's.
 */
public final class TestSkips {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        long since = args.length > 1 && Files.exists(Path.of(args[1])) ? Files.getLastModifiedTime(Path.of(args[1])).toMillis() : 0;
        Map<String, List<String>> byReason = new TreeMap<>();
        int reports = 0;
        for (Path report : reports(root)) {
            if (Files.getLastModifiedTime(report).toMillis() < since) {
                continue;
            }
            reports++;
            String module = root.relativize(report.getParent().getParent().getParent()).toString();
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            if (cases.getLength() == 0) {
                // Surefire drops a class whose @BeforeAll skipped: no test, no reason. Say so at least.
                String suite = doc.getDocumentElement().getAttribute("name");
                byReason.computeIfAbsent("(a test class that ran no test: a skip or an error in its set-up; see its report)",
                    k -> new ArrayList<>()).add((module.isEmpty() ? "" : module + ": ") + suite.substring(suite.lastIndexOf('.') + 1));
                continue;
            }
            for (int i = 0; i < cases.getLength(); i++) {
                Element tc = (Element) cases.item(i);
                NodeList skipped = tc.getElementsByTagName("skipped");
                if (skipped.getLength() == 0) {
                    continue;
                }
                String reason = reason((Element) skipped.item(0));
                String cls = tc.getAttribute("classname");
                String test = (module.isEmpty() ? "" : module + ": ") + cls.substring(cls.lastIndexOf('.') + 1)
                    + "." + tc.getAttribute("name");
                byReason.computeIfAbsent(reason.replaceAll("\\s+", " "), k -> new ArrayList<>()).add(test);
            }
        }
        int total = byReason.values().stream().mapToInt(List::size).sum();
        System.out.println();
        System.out.println("== Skipped tests: " + total + (reports == 0 ? " (no test reports found under " + root + ")" : ""));
        byReason.forEach((reason, tests) -> {
            System.out.println("  " + reason);
            tests.stream().sorted().forEach(t -> System.out.println("      " + t));
        });
        if (total > 0) {
            System.out.println("  (PXEFLOW_REQUIRE_ALL=1 turns every 'missing prerequisite' skip into a failure; "
                + "bin/test as root installs what they need)");
        }
    }

    /** The message attribute, else the first line of the stack trace Surefire writes for an aborted test. */
    private static String reason(Element skipped) {
        String reason = skipped.getAttribute("message").strip();
        if (reason.isEmpty()) {
            String body = skipped.getTextContent().strip();
            reason = body.isEmpty() ? "" : body.lines().findFirst().orElse("");
        }
        String type = skipped.getAttribute("type");
        if (!type.isEmpty() && reason.startsWith(type + ": ")) {
            reason = reason.substring(type.length() + 2);
        }
        if (reason.startsWith("Assumption failed: ")) {
            reason = reason.substring("Assumption failed: ".length());
        }
        return reason.isBlank() ? "(no reason given)" : reason;
    }

    private static List<Path> reports(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> modules = Files.walk(root, 3)) {
            for (Path dir : modules.filter(p -> p.getFileName() != null
                && (p.getFileName().toString().equals("surefire-reports") || p.getFileName().toString().equals("failsafe-reports"))
                && p.getParent().getFileName().toString().equals("target")).sorted().toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().startsWith("TEST-") && f.toString().endsWith(".xml"))
                        .sorted().forEach(out::add);
                }
            }
        }
        return out;
    }
}
