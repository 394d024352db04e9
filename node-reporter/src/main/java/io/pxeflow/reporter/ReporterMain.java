package io.pxeflow.reporter;

import picocli.CommandLine;

/** Entry point of the standalone reporter jar; {@code bin/pxeflow reporter} mounts the same command. */
public final class ReporterMain {
    private ReporterMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ReporterCommand()).execute(args));
    }
}
