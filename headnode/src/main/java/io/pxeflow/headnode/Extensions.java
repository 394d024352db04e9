package io.pxeflow.headnode;

import io.pxeflow.bridge.BridgeCommand;
import io.pxeflow.generator.worker.GeneratorCommand;
import io.pxeflow.power.worker.PowerCommand;
import io.pxeflow.simulator.SimulateCommand;
import picocli.CommandLine;

/** Subcommands of processes that live in their own modules (generator, power, bridge, simulator). */
final class Extensions {
    private Extensions() {
    }

    static void mount(CommandLine cli) {
        cli.addSubcommand("generator", GeneratorCommand.commandLine());
        cli.addSubcommand("power", PowerCommand.commandLine());
        // The environment as BridgeCommand.main reads it (PXEFLOW_BRIDGE_*): the unit sets it.
        cli.addSubcommand("bridge", new CommandLine(new BridgeCommand(BridgeCommand.fromEnvironment(System.getenv()))));
        cli.addSubcommand("simulate", new CommandLine(new SimulateCommand()));
    }
}
