package io.pxeflow.simulator;

/**
 * How long the simulated boot takes. Real nodes take minutes; the simulator compresses that but
 * keeps gaps of seconds between steps that travel different topics, because the controller
 * (like any Kafka consumer of several topics) orders events across topics only as far as time
 * separates them.
 *
 * @param heartbeatSeconds the reporters' interval
 * @param bootMillis       from the kernel being served to the first heartbeat
 * @param installMillis    from the installer kernel being served to install-complete
 */
public record Timing(int heartbeatSeconds, long bootMillis, long installMillis) {
    public Timing {
        if (heartbeatSeconds < 1 || bootMillis < 0 || installMillis < 0) {
            throw new IllegalArgumentException("heartbeat interval must be >= 1 s and times not negative");
        }
    }

    long heartbeatMillis() {
        return heartbeatSeconds * 1000L;
    }
}
