package io.pxeflow.controller.view;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** REST calls waiting for the command they published to show up applied or rejected on the topics. */
final class RequestWaiters {
    private final Map<String, CompletableFuture<ClusterView.RequestOutcome>> waiters = new ConcurrentHashMap<>();

    CompletableFuture<ClusterView.RequestOutcome> await(String requestId) {
        return waiters.computeIfAbsent(requestId, k -> new CompletableFuture<>());
    }

    void forget(String requestId) {
        waiters.remove(requestId);
    }

    void complete(String requestId, ClusterView.RequestOutcome outcome) {
        if (requestId == null) {
            return;
        }
        CompletableFuture<ClusterView.RequestOutcome> f = waiters.remove(requestId);
        if (f != null) {
            f.complete(outcome);
        }
    }
}
