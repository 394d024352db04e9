package io.pxeflow.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping from HTTP answers and I/O failures to messages and exit codes (docs/ctl.md). */
class ApiClientErrorTest {
    private final ApiClient api = new ApiClient("http://head:8080/", null);

    @Test
    void notFoundIsExit3WithTheSuggestion() {
        CtlException e = api.error(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no node named node51\","
            + "\"suggestion\":\"node15\"}}");
        assertEquals(ExitCode.NOT_FOUND, e.exitCode());
        assertEquals("no node named node51 (did you mean node15?)", e.getMessage());
    }

    @Test
    void refusedTokenNamesWhereTheTokenComesFromAndStopsABatch() {
        CtlException e = new ApiClient("http://head:8080/", "a-token").error(401, "");
        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("the token was refused: check --token-file / PXEFLOW_TOKEN", e.getMessage());
        assertTrue(e.stopsBatch());
        CtlException none = api.error(401, "");
        assertEquals("the controller needs a token: give --token-file FILE or PXEFLOW_TOKEN", none.getMessage());
    }

    @Test
    void aReadOnlyTokensRefusalSaysAnAdminTokenIsNeeded() {
        CtlException e = api.error(403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"the token 'grafana' may only read; "
            + "changing the cluster needs an admin token\"}}");
        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("the token 'grafana' may only read; changing the cluster needs an admin token (--token-file with an "
            + "admin token)", e.getMessage());
        assertTrue(e.stopsBatch());
    }

    @Test
    void invalidFieldCarriesTheServerMessage() {
        CtlException e = api.error(400, "{\"error\":{\"code\":\"invalid\",\"message\":\"bad MAC\",\"field\":\"macs\"}}");
        assertEquals(ExitCode.FAILURE, e.exitCode());
        assertEquals("bad MAC (field macs)", e.getMessage());
    }

    @Test
    void bodiesThatAreNotJsonStillGiveAMessage() {
        assertEquals("the controller answered HTTP 500", api.error(500, "<html>oops").getMessage());
        assertTrue(api.error(503, "").getMessage().startsWith("the controller is not ready"));
    }

    @Test
    void connectionFailuresAreExit4AndSayWhatToDo() {
        for (IOException io : new IOException[] {new ConnectException(), new java.net.UnknownHostException("head"),
            new java.net.NoRouteToHostException()}) {
            CtlException e = api.unreachable(io);
            assertEquals(ExitCode.UNREACHABLE, e.exitCode());
            assertEquals("cannot reach the pxeflow controller at http://head:8080: is it running (`systemctl status pxeflow-controller`, or `bin/pxeflow up`)?",
                e.getMessage());
        }
        CtlException slow = api.unreachable(new java.net.SocketTimeoutException("Read timed out"));
        assertEquals(ExitCode.UNREACHABLE, slow.exitCode());
        assertEquals("the pxeflow controller at http://head:8080 did not answer in time", slow.getMessage());
    }

    @Test
    void aClosedPortIsUnreachableNotAStackTrace() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        ApiClient closed = new ApiClient("http://127.0.0.1:" + port, null);
        CtlException e = org.junit.jupiter.api.Assertions.assertThrows(CtlException.class, () -> closed.get("/api/v1/nodes"));
        assertEquals(ExitCode.UNREACHABLE, e.exitCode());
        assertEquals("cannot reach the pxeflow controller at http://127.0.0.1:" + port
            + ": is it running (`systemctl status pxeflow-controller`, or `bin/pxeflow up`)?", e.getMessage());
    }

    @Test
    void aUrlThatIsNotHttpIsAUsageError() {
        CtlException e = org.junit.jupiter.api.Assertions.assertThrows(CtlException.class,
            () -> new ApiClient("ftp://head", null).get("/api/v1/nodes"));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void queryValuesAreEncodedAndNullsDropped() {
        java.util.Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("status", "up,down");
        q.put("stage", null);
        q.put("name", "node[1-2]");
        assertEquals("/api/v1/nodes?status=up%2Cdown&name=node%5B1-2%5D", ApiClient.path("/api/v1/nodes", q));
        assertEquals("/x", ApiClient.path("/x", Map.of()));
        assertEquals("a%20b", ApiClient.segment("a b"));
    }
}
