package io.pxeflow.controller.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;

/** Kafka calls block: they run on a worker thread, never on an event loop, and unordered (requests are independent). */
final class Blocking {
    private Blocking() {
    }

    static <T> Future<T> run(Vertx vertx, Callable<T> work) {
        return vertx.executeBlocking(work, false);
    }
}
