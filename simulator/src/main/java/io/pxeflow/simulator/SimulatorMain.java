package io.pxeflow.simulator;

import picocli.CommandLine;

/** Runs {@code simulate} from this module's classpath (bench/run.sh), without the headnode launcher. */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimulateCommand()).execute(args));
    }
}
