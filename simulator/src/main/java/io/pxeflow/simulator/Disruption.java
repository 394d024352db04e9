package io.pxeflow.simulator;

import java.util.List;

/** Something done to the system under test while the scenario plays, such as killing the controller. */
public interface Disruption {
    /** The play has started; its scripted steps end roughly {@code spanMillis} from now. */
    void playStarted(long spanMillis);

    /** What went wrong in carrying out the disruption itself, or null. */
    Throwable failure();

    /** Blocks until every planned disruption has been done and the system is back. */
    void awaitDone() throws InterruptedException;

    /** The lines the simulator's report prints about it. */
    List<String> report();
}
