package io.pxeflow.headnode;

import io.pxeflow.protocol.AccessPolicy;
import io.pxeflow.protocol.KafkaBootstrap;
import io.pxeflow.protocol.KafkaConnection;
import io.pxeflow.protocol.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pxeflow acls}: show pxeflow's Kafka ACLs, or create them on a cluster. */
@Command(name = "acls", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Show the Kafka ACLs pxeflow's principals need (controller, generator, bridge, reporter, power),",
        "or create them with --apply (as a super user: --kafka-config with the admin's credentials).",
        "The same list the embedded broker of `pxeflow up --secure` gets; see docs/security.md."})
public final class AclsCommand implements Callable<Integer> {
    @Option(names = "--apply", description = "Create the ACLs on the cluster (existing ones are kept)")
    boolean apply;
    @Option(names = "--prune", description = "With --apply: also delete ACLs of pxeflow's principals the list no longer has")
    boolean prune;
    @Option(names = "--script", description = "Print the list as kafka-acls.sh commands instead")
    boolean script;
    @Option(names = "--topic-prefix", defaultValue = Topics.DEFAULT_PREFIX, description = "Topic prefix (default ${DEFAULT-VALUE})")
    String prefix;
    @Option(names = "--bootstrap", description = KafkaBootstrap.HELP)
    String bootstrap;
    @Option(names = "--kafka-config", paramLabel = "FILE", description = KafkaConnection.CONFIG_HELP)
    Path kafkaConfig;

    @Override
    public Integer call() throws Exception {
        List<AccessPolicy.Grant> grants = AccessPolicy.of(new Topics(prefix));
        if (script) {
            System.out.print(AclInstaller.asKafkaAclsScript(grants));
            return 0;
        }
        if (!apply) {
            grants.forEach(System.out::println);
            System.out.println("(" + grants.size() + " ACLs; --apply creates them)");
            return 0;
        }
        KafkaConnection admin;
        try {
            admin = KafkaConnection.resolve(bootstrap, kafkaConfig, Map.of(), Set.of(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("acls: " + e.getMessage());
            return 2;
        }
        AclInstaller.Applied done;
        try {
            done = AclInstaller.apply(admin, grants, prune);
        } catch (IllegalStateException e) {
            System.err.println("acls: " + e.getMessage());
            return 1;
        }
        System.out.println("acls: " + done.granted() + " ACLs in place on " + admin.describe()
            + (prune ? ", " + done.removed() + " stale ones removed" : ""));
        return 0;
    }
}
