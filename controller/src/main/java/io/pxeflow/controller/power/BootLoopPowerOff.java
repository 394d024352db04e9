package io.pxeflow.controller.power;

import io.pxeflow.controller.view.ClusterView;
import io.pxeflow.protocol.message.LifecycleEvent;
import io.pxeflow.protocol.message.LifecycleKind;
import io.pxeflow.protocol.message.NodeState;
import io.pxeflow.protocol.message.PowerAction;
import io.pxeflow.protocol.message.PowerRequest;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional boot-loop policy ({@code bootloop.power-off=true}; off by default): a node that
 * PXE-boots again and again without coming up is powered off through its BMC, so it stops
 * loading DHCP, TFTP and the installer, and waits for someone to look at it. It reacts to the
 * {@code boot-loop} lifecycle event, outside the node state machine. Every controller sees that
 * event, so the request id is made from the event (node and time): the power worker does each id
 * once, however many controllers asked.
 */
public final class BootLoopPowerOff implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BootLoopPowerOff.class);

    private final ClusterView view;
    private final PowerRequestPublisher publisher;
    private final PowerRequests requests;
    private final Clock clock;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "bootloop-power-off");
        t.setDaemon(true);
        return t;
    });
    private Runnable unsubscribe = () -> { };

    public BootLoopPowerOff(ClusterView view, PowerRequestPublisher publisher, PowerRequests requests, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.requests = requests;
        this.clock = clock;
    }

    public BootLoopPowerOff start() {
        unsubscribe = view.subscribe(this::onEvent);
        LOG.info("boot-loop policy: a boot-looping node with a BMC is powered off");
        return this;
    }

    private void onEvent(LifecycleEvent e) {
        if (e.kind() != LifecycleKind.BOOT_LOOP || e.node() == null) {
            return;
        }
        NodeState node = view.node(e.node());
        if (node == null) {
            return;
        }
        String id = "bootloop-off:" + e.node() + ":" + (e.time() == null ? 0 : e.time().toEpochMilli());
        PowerRequest request = requests.of(node, PowerAction.OFF, false, "controller (bootloop.power-off)", clock.instant(),
            id);
        if (request == null) {
            LOG.warn("{}: boot-looping, and has no BMC to power it off with", e.node());
            return;
        }
        // Off the view's thread: publishing waits for the broker.
        sender.execute(() -> {
            try {
                publisher.publish(request);
                LOG.warn("{}: boot-looping: powering it off through {} (request {})", e.node(), request.bmc(), id);
            } catch (Exception ex) {
                LOG.error("{}: boot-looping, and the power-off request could not be published: {}", e.node(), ex.toString());
            }
        });
    }

    @Override
    public void close() {
        unsubscribe.run();
        sender.shutdownNow();
    }
}
