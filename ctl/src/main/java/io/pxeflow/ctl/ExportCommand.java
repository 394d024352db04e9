package io.pxeflow.ctl;

import picocli.CommandLine.Command;

/** Prints the inventory in ClusterWare syntax; {@code ctl import} of the output changes nothing. */
@Command(name = "export", description = "Print the inventory in ClusterWare config syntax (current stages included).")
final class ExportCommand extends CtlCommand {
    @Override
    protected int run() {
        String text = api().getText("/api/v1/inventory").body();
        // The file is the output: -o does not apply, it is passed through byte for byte.
        out().print(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        return ExitCode.OK;
    }
}
