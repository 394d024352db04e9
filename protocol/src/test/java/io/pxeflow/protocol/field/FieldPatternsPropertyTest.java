package io.pxeflow.protocol.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The written-out host name and token checks accept exactly what their defining patterns accept. */
class FieldPatternsPropertyTest {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}");

    @Property(tries = 5000)
    void hostnamesFollowTheLabelPattern(@ForAll("nearNames") String s) {
        boolean byPattern = !s.isEmpty() && s.length() <= 253;
        if (byPattern) {
            for (String label : s.split("\\.", -1)) {
                byPattern &= LABEL.matcher(label).matches();
            }
        }
        assertEquals(byPattern, Fields.isHostname(s), s);
    }

    @Property(tries = 5000)
    void tokensFollowTheTokenPattern(@ForAll("nearNames") String s) {
        boolean accepted;
        try {
            Fields.token("t", s);
            accepted = true;
        } catch (InvalidFieldException e) {
            accepted = false;
        }
        assertEquals(TOKEN.matcher(s).matches(), accepted, s);
    }

    /** Strings mostly of the characters the rules are about, at lengths around every limit. */
    @Provide
    Arbitrary<String> nearNames() {
        Arbitrary<String> dense = Arbitraries.strings().withChars("aZ09-._:@/ ;\n\u00e9").ofMinLength(0).ofMaxLength(8);
        Arbitrary<String> longer = Arbitraries.strings().withChars("ab9-.").ofMinLength(55).ofMaxLength(70);
        Arbitrary<String> longest = Arbitraries.strings().withChars("a9-_.").ofMinLength(120).ofMaxLength(260);
        return Arbitraries.oneOf(dense, longer, longest, dense.list().ofMaxSize(5).map(l -> String.join(".", l)));
    }
}
