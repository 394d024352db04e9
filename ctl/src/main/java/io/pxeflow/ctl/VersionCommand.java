package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.Command;

/** Works without a controller: the controller's line says why it is missing instead of failing. */
@Command(name = "version", description = "Print ctl's version and, when reachable, the controller's.")
final class VersionCommand extends CtlCommand {
    @Override
    protected int run() {
        String mine = ctlVersion();
        JsonNode info = null;
        String problem = null;
        try {
            info = api().getJson("/api/v1/info");
        } catch (CtlException e) {
            problem = e.getMessage();
        }
        if (format() == OutputFormat.json) {
            ObjectNode root = JsonOut.object();
            root.put("ctl", mine);
            root.put("url", api().base());
            if (info != null) {
                root.set("controller", info);
            } else {
                root.put("error", problem);
            }
            printJson(root);
            return ExitCode.OK;
        }
        out().println("ctl         " + mine);
        if (info != null) {
            out().println("controller  " + JsonOut.text(info, "version") + " at " + api().base()
                + " (" + JsonOut.text(info, "nodes") + " nodes, " + (info.path("ready").asBoolean(false)
                ? "ready" : "not ready") + ")");
        } else {
            out().println("controller  unknown: " + problem);
        }
        return ExitCode.OK;
    }

    /** From the build-generated resource: correct even when run from target/classes. */
    static String ctlVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
