package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pxeflow.protocol.codec.Json;
import org.junit.jupiter.api.Test;

/** ctl reads and writes JSON without an ObjectMapper; the trees and the text must be the mapper's. */
class JsonOutTest {
    private static final String DOC = """
        {"nodes":[{"name":"node15","index":15,"load1":0.52,"tiny":1.0E-7,"mem":68719476736,
        "huge":123456789012345678901234567890,"neg":-3,"ratio":-0.0,"ok":true,"wipe":false,"bootId":null,
        "text":"tab\\there \\"quoted\\" \\u00e9\\u4e2d \\\\ /","macs":["00:a0:d1:e5:c4:6e"],"empty":[],"none":{},
        "z":{"b":1,"a":[{"y":2,"x":[]}]}}],"count":1}""";

    @Test
    void treesAreTheSharedMappersTrees() throws Exception {
        JsonNode ours = JsonOut.parse(DOC);
        JsonNode theirs = Json.mapper().readTree(DOC);
        assertEquals(theirs, ours);
        assertTrue(ours.get("nodes").get(0).get("mem").isLong());
        assertTrue(ours.get("nodes").get(0).get("index").isInt());
        assertTrue(ours.get("nodes").get(0).get("huge").isBigInteger());
    }

    @Test
    void prettyAndCompactTextIsTheMappersText() throws Exception {
        ObjectMapper mapper = Json.mapper();
        JsonNode sorted = JsonOut.sorted(mapper.readTree(DOC));
        assertEquals(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(sorted), JsonOut.pretty(JsonOut.parse(DOC)));
        assertEquals(mapper.writeValueAsString(sorted), JsonOut.compact(JsonOut.parse(DOC)));
    }

    @Test
    void emptyBodyIsMissingAndGarbageIsAnErrorTheAdminCanRead() {
        assertTrue(JsonOut.parse("").isMissingNode());
        CtlException e = assertThrows(CtlException.class, () -> JsonOut.parse("<html>502 Bad Gateway</html>"));
        assertTrue(e.getMessage().startsWith("the controller answered something that is not JSON"), e.getMessage());
        assertThrows(CtlException.class, () -> JsonOut.parse("{\"a\":1} trailing"));
        assertThrows(CtlException.class, () -> JsonOut.parse("[".repeat(100) + "]".repeat(100)));
    }
}
