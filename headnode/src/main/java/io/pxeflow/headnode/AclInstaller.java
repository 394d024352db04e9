package io.pxeflow.headnode;

import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.AccessPolicy.Grant;
import io.pxeflow.protocol.KafkaConnection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Turns {@link AccessPolicy} into Kafka ACLs and creates them with the Admin API: what
 * {@code kafka-acls --add} would do, from the one definition in code. Creating an ACL that exists
 * changes nothing, so applying twice is safe; {@code prune} also deletes the ACLs of pxeflow's
 * principals that the policy no longer grants (after an upgrade narrowed one).
 */
public final class AclInstaller {
    private AclInstaller() {
    }

    /** What was done: ACLs created (or already there) and removed. */
    public record Applied(int granted, int removed) {
    }

    /** The Kafka ACL of each grant. */
    public static List<AclBinding> bindings(Collection<Grant> grants) {
        List<AclBinding> out = new ArrayList<>();
        for (Grant g : grants) {
            ResourceType type = switch (g.resource()) {
                case TOPIC -> ResourceType.TOPIC;
                case GROUP -> ResourceType.GROUP;
                case TRANSACTIONAL_ID -> ResourceType.TRANSACTIONAL_ID;
            };
            AclOperation op = switch (g.operation()) {
                case READ -> AclOperation.READ;
                case WRITE -> AclOperation.WRITE;
                case CREATE -> AclOperation.CREATE;
                case DESCRIBE -> AclOperation.DESCRIBE;
                case DESCRIBE_CONFIGS -> AclOperation.DESCRIBE_CONFIGS;
                case ALL -> AclOperation.ALL;
            };
            out.add(new AclBinding(new ResourcePattern(type, g.name(), g.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL),
                new AccessControlEntry("User:" + g.principal(), "*", op, AclPermissionType.ALLOW)));
        }
        return out;
    }

    /** Creates the grants' ACLs (and with {@code prune} deletes pxeflow principals' others), as {@code admin}. */
    public static Applied apply(KafkaConnection admin, List<Grant> grants, boolean prune)
            throws InterruptedException, TimeoutException {
        List<AclBinding> wanted = bindings(grants);
        try (Admin a = Admin.create(admin.properties())) {
            a.createAcls(wanted).all().get(30, TimeUnit.SECONDS);
            int removed = 0;
            if (prune) {
                Set<AclBinding> keep = new HashSet<>(wanted);
                List<AclBindingFilter> stale = new ArrayList<>();
                for (AclBinding b : a.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)) {
                    String principal = b.entry().principal();
                    boolean ours = AccessPolicy.PRINCIPALS.stream().anyMatch(p -> principal.equals("User:" + p));
                    if (ours && !keep.contains(b)) {
                        stale.add(exactly(b));
                    }
                }
                if (!stale.isEmpty()) {
                    removed = a.deleteAcls(stale).all().get(30, TimeUnit.SECONDS).size();
                }
            }
            return new Applied(wanted.size(), removed);
        } catch (ExecutionException e) {
            String why = e.getCause() instanceof org.apache.kafka.common.errors.ClusterAuthorizationException
                ? "this principal may not change ACLs (it must be a super user or hold ALTER on the cluster)"
                : e.getCause().getMessage();
            throw new IllegalStateException("Kafka at " + admin.describe() + " refused the ACLs: " + why, e.getCause());
        }
    }

    private static AclBindingFilter exactly(AclBinding b) {
        ResourcePattern r = b.pattern();
        AccessControlEntry e = b.entry();
        return new AclBindingFilter(new ResourcePatternFilter(r.resourceType(), r.name(), r.patternType()),
            new AccessControlEntryFilter(e.principal(), e.host(), e.operation(), e.permissionType()));
    }

    /** The grants as {@code kafka-acls.sh} commands, for a cluster where pxeflow itself is not installed. */
    public static String asKafkaAclsScript(List<Grant> grants) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n"
            + "# pxeflow's Kafka ACLs, as `pxeflow acls --script` prints them (docs/security.md). Run it as a Kafka\n"
            + "# super user, with the connection as arguments, e.g.\n"
            + "#   sh acls.sh --bootstrap-server head:9093 --command-config admin.properties\n"
            + "# (KAFKA_ACLS=/opt/kafka/bin/kafka-acls.sh where it is not on the PATH)\n"
            + "set -e\nacls=\"${KAFKA_ACLS:-kafka-acls.sh}\"\n");
        for (Grant g : grants) {
            String type = switch (g.resource()) {
                case TOPIC -> "--topic";
                case GROUP -> "--group";
                case TRANSACTIONAL_ID -> "--transactional-id";
            };
            String op = switch (g.operation()) {
                case READ -> "Read";
                case WRITE -> "Write";
                case CREATE -> "Create";
                case DESCRIBE -> "Describe";
                case DESCRIBE_CONFIGS -> "DescribeConfigs";
                case ALL -> "All";
            };
            sb.append("\"$acls\" \"$@\" --add --allow-principal User:").append(g.principal())
                .append(" --operation ").append(op).append(' ').append(type).append(' ').append(g.name())
                .append(g.prefixed() ? " --resource-pattern-type prefixed" : "").append('\n');
        }
        return sb.toString();
    }
}
