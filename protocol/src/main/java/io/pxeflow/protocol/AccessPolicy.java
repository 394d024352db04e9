package io.pxeflow.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who may do what on Kafka: the one definition of pxeflow's ACLs, derived from {@link Topics}, so
 * the embedded broker of {@code pxeflow up --secure} and a real cluster ({@code pxeflow acls
 * --apply}) grant exactly the same. Least privilege by topic:
 * <ul>
 *   <li>reporters (compute nodes) write heartbeats (install-complete reports included), nothing
 *       else: they read nothing;</li>
 *   <li>bridges write dhcp and pxe, and read the address index ({@code addresses});</li>
 *   <li>generators read config and the inventory, write config-status and dead letters;</li>
 *   <li>power workers read power requests and write their results;</li>
 *   <li>controllers read every input and alone write the state topics (commands, config, nodes,
 *       events, discovered, inventory, addresses, ...); they own their Kafka Streams topics, groups and
 *       transactional ids.</li>
 * </ul>
 * Admins reach pxeflow through the HTTP API only; Kafka tools use a super user.
 * Pure data: {@code pxeflow acls} turns it into Admin API calls.
 */
public final class AccessPolicy {
    /** The principals, {@code User:<name>} for SCRAM or for a client certificate whose CN is the name. */
    public static final String CONTROLLER = "controller";
    public static final String GENERATOR = "generator";
    public static final String BRIDGE = "bridge";
    public static final String REPORTER = "reporter";
    public static final String POWER = "power";
    public static final List<String> PRINCIPALS = List.of(CONTROLLER, GENERATOR, BRIDGE, REPORTER, POWER);
    /** The generator's consumer groups are {@code pxeflow-generator-<id>}. */
    public static final String GENERATOR_GROUPS = "pxeflow-generator-";

    /** What a grant is on. */
    public enum Resource { TOPIC, GROUP, TRANSACTIONAL_ID }

    /** Kafka's operations, as far as pxeflow grants them. */
    public enum Operation { READ, WRITE, CREATE, DESCRIBE, DESCRIBE_CONFIGS, ALL }

    /**
     * One allow rule: {@code principal} may {@code operation} on the {@code resource} named
     * {@code name} (or, when {@code prefixed}, every one whose name starts with it).
     */
    public record Grant(String principal, Resource resource, String name, boolean prefixed, Operation operation) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "User:%-10s %-16s %-16s %s%s", principal, operation.name().toLowerCase(Locale.ROOT),
                resource.name().toLowerCase(Locale.ROOT).replace('_', '-'), name, prefixed ? "*" : "");
        }
    }

    private final List<Grant> grants = new ArrayList<>();

    private AccessPolicy() {
    }

    /** The grants for the topics under {@code topics}' prefix. */
    public static List<Grant> of(Topics t) {
        AccessPolicy p = new AccessPolicy();

        // A compute node writes its own reports (heartbeats, install-complete) and nothing else.
        p.write(REPORTER, t.heartbeats());

        // Bridges key DHCP/PXE events by node, from the address index the controller publishes.
        p.write(BRIDGE, t.dhcp(), t.pxe());
        p.read(BRIDGE, t.addresses());

        p.read(GENERATOR, t.config(), t.inventory());
        p.write(GENERATOR, t.configStatus(), t.deadletter());
        p.group(GENERATOR, GENERATOR_GROUPS);

        p.read(POWER, t.power());
        p.write(POWER, t.powerStatus(), t.deadletter());
        // Power workers' consumer groups are <prefix>power-<id> (one per rack's worker).
        p.group(POWER, t.prefix() + "power-");

        // The controller reads every pxeflow topic and writes all but the other principals' inputs.
        List<String> all = new ArrayList<>();
        t.all().forEach(s -> all.add(s.name()));
        p.read(CONTROLLER, all.toArray(String[]::new));
        p.create(CONTROLLER, all.toArray(String[]::new));
        p.write(CONTROLLER, t.commands(), t.config(), t.nodes(), t.events(), t.deadletter(), t.discovered(), t.inventory(),
            // pxe: the live iPXE endpoint records each answer it serves as the PXE event.
            t.pxe(), t.addresses(), t.power());
        // Its Kafka Streams application: internal topics, consumer group and transactional ids all
        // start with the application id; the API's transactional producers with "<prefix>api-".
        String app = t.controllerApplicationId();
        p.grants.add(new Grant(CONTROLLER, Resource.TOPIC, app, true, Operation.ALL));
        p.grants.add(new Grant(CONTROLLER, Resource.GROUP, app, true, Operation.ALL));
        p.grants.add(new Grant(CONTROLLER, Resource.TRANSACTIONAL_ID, app, true, Operation.ALL));
        p.grants.add(new Grant(CONTROLLER, Resource.TRANSACTIONAL_ID, t.prefix() + "api-", true, Operation.ALL));
        return List.copyOf(p.grants);
    }

    /** What {@code principal} is granted. */
    public static List<Grant> of(Topics t, String principal) {
        return of(t).stream().filter(g -> g.principal().equals(principal)).toList();
    }

    private void read(String who, String... topics) {
        for (String topic : topics) {
            grants.add(new Grant(who, Resource.TOPIC, topic, false, Operation.READ));
        }
    }

    private void write(String who, String... topics) {
        for (String topic : topics) {
            grants.add(new Grant(who, Resource.TOPIC, topic, false, Operation.WRITE));
        }
    }

    private void create(String who, String... topics) {
        for (String topic : topics) {
            grants.add(new Grant(who, Resource.TOPIC, topic, false, Operation.CREATE));
            grants.add(new Grant(who, Resource.TOPIC, topic, false, Operation.DESCRIBE_CONFIGS));
        }
    }

    private void group(String who, String prefix) {
        grants.add(new Grant(who, Resource.GROUP, prefix, true, Operation.READ));
    }
}
