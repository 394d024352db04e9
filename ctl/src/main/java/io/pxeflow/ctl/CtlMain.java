package io.pxeflow.ctl;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ctl}: the admin's command line for pxeflow. Exit codes: see {@link ExitCode}. */
@Command(name = "ctl",
    description = "Manage a pxeflow cluster: nodes, boot stages, inventory, events.",
    synopsisSubcommandLabel = "COMMAND",
    mixinStandardHelpOptions = true,
    versionProvider = CtlMain.Version.class,
    footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 controller unreachable.",
        "Environment: PXEFLOW_URL, PXEFLOW_TOKEN, PXEFLOW_HOME."})
public final class CtlMain implements Runnable {
    private final Context ctx;

    @Spec
    CommandSpec spec;

    public CtlMain(Context ctx) {
        this.ctx = ctx;
    }

    public Context context() {
        return ctx;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    /**
     * Every command, by name and alias, in help order. Building picocli's model of one command
     * costs reflection and annotation proxies, so a run registers only the command it executes
     * (see {@link #commandLine(Context, String...)}); help and completion register them all.
     */
    static final Map<String, Supplier<Object>> COMMANDS = commands();

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> m = new LinkedHashMap<>();
        m.put("nodes", NodesCommand::new);
        m.put("status", StatusCommand::new);
        m.put("reprovision", ReprovisionCommand::new);
        m.put("power", PowerCommand::new);
        m.put("set-stage", SetStageCommand::new);
        m.put("set-class", SetClassCommand::new);
        m.put("add", AddCommand::new);
        m.put("remove", RemoveCommand::new);
        m.put("wipe", WipeCommand::new);
        m.put("install-complete", InstallCompleteCommand::new);
        m.put("import", ImportCommand::new);
        m.put("export", ExportCommand::new);
        m.put("events", EventsCommand::new);
        m.put("watch", WatchCommand::new);
        m.put("discovered", DiscoveredCommand::new);
        m.put("version", VersionCommand::new);
        m.put("completion", CompletionCommand::new);
        m.put("help", CommandLine.HelpCommand::new);
        return m;
    }

    /** Aliases, so `ctl ls` also registers only one command. */
    private static final Map<String, String> ALIASES = Map.of("ls", "nodes", "rm", "remove");

    /** The full command tree wired to the context's streams (help, completion, tests of the tree). */
    public static CommandLine commandLine(Context ctx) {
        return commandLine(ctx, new String[0]);
    }

    /** The tree for these arguments: only the command they name when it is known, else all of them. */
    public static CommandLine commandLine(Context ctx, String... args) {
        CommandLine cl = new CommandLine(new CtlMain(ctx));
        String first = args.length == 0 ? null : args[0];
        String name = first == null ? null : ALIASES.getOrDefault(first, first);
        if (name != null && COMMANDS.containsKey(name) && !"help".equals(name) && !"completion".equals(name)) {
            cl.addSubcommand(COMMANDS.get(name).get());
        } else {
            COMMANDS.values().forEach(c -> cl.addSubcommand(c.get()));
        }
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof CtlException c) {
                ctx.err().println("ctl: " + c.getMessage());
                return c.exitCode();
            }
            ctx.err().println("ctl: internal error: " + ex);
            if (ctx.env("PXEFLOW_DEBUG") != null) {
                ex.printStackTrace(ctx.err());
            }
            return ExitCode.FAILURE;
        });
        return cl;
    }

    public static int run(Context ctx, String... args) {
        try {
            return commandLine(ctx, args).execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** {@code ctl --version}: the same as {@code ctl version} without asking the controller. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ctl " + VersionCommand.ctlVersion()};
        }
    }

    public static void main(String[] args) {
        // stdout is a terminal only when a console exists (System.console() is null when piped).
        Context ctx = new Context(
            new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false),
            new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
            System.getenv(), Clock.systemUTC(), ZoneId.systemDefault(), System.console() != null,
            Path.of("").toAbsolutePath());
        System.exit(run(ctx, args));
    }
}
