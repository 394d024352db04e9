package io.pxeflow.headnode;

import picocli.CommandLine;

/** Subcommands of processes that live in their own modules (generator, bridge). */
final class Extensions {
    private Extensions() {
    }

    static void mount(CommandLine cli) {
    }
}
