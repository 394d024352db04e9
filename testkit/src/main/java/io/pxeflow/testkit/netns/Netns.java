package io.pxeflow.testkit.netns;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One network namespace of a {@link NetnsPair}: commands run inside it with {@code ip netns exec}. */
public final class Netns {
    private final String name;
    private final String iface;
    private final List<BackgroundProcess> started = new ArrayList<>();

    Netns(String name, String iface) {
        this.name = name;
        this.iface = iface;
    }

    public String name() {
        return name;
    }

    /** The veth end inside this namespace. */
    public String iface() {
        return iface;
    }

    /** Runs {@code command} inside the namespace to completion (killed after {@code timeout}). */
    public ProcessResult exec(Duration timeout, String... command) {
        return Commands.run(inside(List.of(command)), timeout);
    }

    /** Starts a long-running {@code command} inside the namespace, its output going to {@code output}. */
    public BackgroundProcess start(Path output, String... command) throws IOException {
        return start(output, Map.of(), command);
    }

    /** As {@link #start(Path, String...)}, with {@code env} added to the command's environment. */
    public synchronized BackgroundProcess start(Path output, Map<String, String> env, String... command) throws IOException {
        List<String> cmd = inside(List.of(command));
        // `ip netns exec` execs the command, so the process handle is the server itself and SIGTERM reaches it.
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        BackgroundProcess b = new BackgroundProcess(String.join(" ", command), p, output);
        started.add(b);
        return b;
    }

    synchronized void stopStarted() {
        for (BackgroundProcess b : started) {
            b.close();
        }
        started.clear();
    }

    private List<String> inside(List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        return cmd;
    }

    @Override
    public String toString() {
        return name + "/" + iface;
    }
}
