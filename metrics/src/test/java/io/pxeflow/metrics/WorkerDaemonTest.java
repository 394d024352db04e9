package io.pxeflow.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The process around a worker: stopped from outside it returns 0, a worker that stops by itself ends it with 2. */
class WorkerDaemonTest {
    /** A worker that can be told to die, and records what the daemon did to it. */
    private static class Probe implements WorkerDaemon.Worker {
        final CountDownLatch started = new CountDownLatch(1);
        volatile String diedOf;
        volatile boolean closed;
        volatile boolean closedBeforeStarting;

        @Override
        public Probe start() {
            started.countDown();
            return this;
        }

        @Override
        public boolean ready() {
            return diedOf == null;
        }

        @Override
        public boolean alive() {
            return diedOf == null;
        }

        @Override
        public Optional<String> failure() {
            return Optional.ofNullable(diedOf);
        }

        @Override
        public void close() {
            closedBeforeStarting = started.getCount() > 0;
            closed = true;
        }
    }

    @Test
    void aStopEndsTheDaemonWith0_afterTheWorkerClosed() throws Exception {
        Probe probe = new Probe();
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = pool.submit(() -> WorkerDaemon.run("probe", 0, "not ready", stop, registry -> probe));
            assertTrue(probe.started.await(10, TimeUnit.SECONDS));
            assertFalse(probe.closed, "running until told to stop");
            stop.countDown();
            assertEquals(0, exit.get(10, TimeUnit.SECONDS));
            assertTrue(probe.closed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkerThatStopsByItselfEndsTheDaemonWith2() throws Exception {
        Probe probe = new Probe();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> exit = pool.submit(() -> WorkerDaemon.run("probe", 0, "not ready", new CountDownLatch(1),
                registry -> probe));
            assertTrue(probe.started.await(10, TimeUnit.SECONDS));
            probe.diedOf = "the inventory's network cannot be served";
            assertEquals(2, exit.get(10, TimeUnit.SECONDS));
            assertTrue(probe.closed);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWorkerThatCannotStartIsClosed_andItsErrorThrownOn() {
        Probe probe = new Probe() {
            @Override
            public Probe start() {
                throw new IllegalStateException("settings contradict the network");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> WorkerDaemon.run("probe", 0, "not ready", registry -> probe));
        assertEquals("settings contradict the network", e.getMessage());
        assertTrue(probe.closed);
        assertTrue(probe.closedBeforeStarting);
    }
}
