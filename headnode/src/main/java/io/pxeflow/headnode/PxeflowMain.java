package io.pxeflow.headnode;

import io.pxeflow.reporter.ReporterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/pxeflow}: the one launcher of pxeflow's processes. */
@Command(name = "pxeflow", mixinStandardHelpOptions = true, version = "pxeflow 0.1.0",
    description = "Head-node service for network-booted clusters.",
    subcommands = {UpCommand.class, ControllerCommand.class, KafkaCommand.class, ReporterCommand.class, FeedCommand.class,
        AclsCommand.class})
public final class PxeflowMain implements Runnable {
    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new PxeflowMain());
        Extensions.mount(cli);
        System.exit(cli.execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
