package io.pxeflow.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A daemon started the way systemd would start its installed unit (there is no systemd in a CI
 * container): its user, groups and umask through {@code setpriv}, its directories, its
 * environment, a private temporary directory for PrivateTmp=yes, and its ExecStartPre/ExecStart
 * lines, all read from the unit file. Output goes to
 * a log file; {@link #stop()} sends SIGTERM, as {@code systemctl stop} does.
 */
final class UnitProcess implements AutoCloseable {
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    final SystemdUnit unit;
    final Path log;
    private final Process process;

    private UnitProcess(SystemdUnit unit, Path log, Process process) {
        this.unit = unit;
        this.log = log;
        this.process = process;
    }

    static UnitProcess start(Path unitFile, Path logDir) throws IOException, InterruptedException {
        SystemdUnit unit = SystemdUnit.read(unitFile);
        boolean dynamic = unit.one("DynamicUser", "no").equals("yes");
        // A DynamicUser= service gets a transient uid; nobody is as unprivileged as that.
        String user = dynamic ? "nobody" : unit.one("User", "root");
        String group = dynamic ? "nogroup" : unit.one("Group", primaryGroup(user));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("LANG", "C.UTF-8");
        env.put("USER", user);
        env.put("LOGNAME", user);
        env.put("HOME", dynamic ? "/" : passwdField(user, 5));
        env.put("SHELL", dynamic ? "/usr/sbin/nologin" : passwdField(user, 6));
        env.put("STATE_DIRECTORY", directories(unit, "StateDirectory", "/var/lib/", user, group));
        env.put("CACHE_DIRECTORY", directories(unit, "CacheDirectory", "/var/cache/", user, group));
        env.values().removeIf(String::isEmpty);
        env.putAll(unit.environment());
        String credentials = credentials(unit, user, group);
        if (credentials != null) {
            env.put("CREDENTIALS_DIRECTORY", credentials);
            // %d is the credentials directory in Environment= values as in command lines.
            env.replaceAll((k, v) -> v.replace("%d", credentials));
        }
        if (unit.one("PrivateTmp", "no").equals("yes")) {
            // systemd mounts a private /tmp (mode 1777) for the service; here it gets a directory of
            // its own as TMPDIR and java.io.tmpdir (Vert.x keeps its file cache there).
            Path tmp = Path.of("/var/tmp", "pxeflow-it-" + unit.name());
            UnitProcess.run("rm", "-rf", tmp.toString());
            Files.createDirectories(tmp);
            run("chmod", "1777", tmp.toString());
            env.put("TMPDIR", tmp.toString());
            env.merge("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp, (a, b) -> a + " " + b);
        }
        String host = new String(new ProcessBuilder("hostname").start().getInputStream().readAllBytes(),
            StandardCharsets.UTF_8).strip();
        Files.createDirectories(logDir);
        Path log = logDir.resolve(unit.name() + ".log");
        for (String pre : unit.all("ExecStartPre")) {
            SystemdUnit.Command c = SystemdUnit.command(pre, env, host);
            Process p = builder(c.privileged() ? List.of() : wrap(unit, user, group), c.argv(), env, log).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(unit.name() + ": ExecStartPre did not finish: " + c.argv());
            }
            if (p.exitValue() != 0 && !c.ignoreFailure()) {
                throw new IOException(unit.name() + ": ExecStartPre " + c.argv() + " exited " + p.exitValue()
                    + "\n" + Files.readString(log));
            }
        }
        SystemdUnit.Command main = SystemdUnit.command(unit.one("ExecStart", null), env, host);
        Process p = builder(wrap(unit, user, group), main.argv(), env, log).start();
        return new UnitProcess(unit, log, p);
    }

    /**
     * LoadCredential=ID:PATH as systemd does it: each file copied, before the service starts, into
     * a directory of the unit's own that only the service's user can read ({@code $CREDENTIALS_DIRECTORY},
     * {@code %d}); a missing source file fails the start. Null when the unit loads none.
     */
    private static String credentials(SystemdUnit unit, String user, String group) throws IOException, InterruptedException {
        List<String> lines = unit.all("LoadCredential");
        if (lines.isEmpty()) {
            return null;
        }
        Path dir = Path.of("/run/credentials", unit.name());
        run("rm", "-rf", dir.toString());
        Files.createDirectories(dir);
        for (String line : lines) {
            int colon = line.indexOf(':');
            String id = colon < 0 ? line.strip() : line.substring(0, colon).strip();
            Path source = Path.of(colon < 0 ? "/etc/credstore/" + id : line.substring(colon + 1).strip());
            if (!Files.isRegularFile(source)) {
                throw new IOException(unit.name() + ": LoadCredential " + id + ": " + source + " does not exist");
            }
            Files.copy(source, dir.resolve(id), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            run("chmod", "0400", dir.resolve(id).toString());
            run("chown", user + ":" + group, dir.resolve(id).toString());
        }
        run("chmod", "0500", dir.toString());
        run("chown", user + ":" + group, dir.toString());
        return dir.toString();
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGTERM, then the exit code, or null when it did not exit within the unit's stop timeout. */
    Integer stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(unit.stopTimeoutSeconds(), TimeUnit.SECONDS)) {
            return null;
        }
        return process.exitValue();
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** setpriv to the service's user, its groups, NoNewPrivileges and UMask; nothing for root. */
    private static List<String> wrap(SystemdUnit unit, String user, String group) throws IOException, InterruptedException {
        List<String> w = new ArrayList<>();
        if (!user.equals("root")) {
            Set<String> gids = new LinkedHashSet<>();
            gids.add(gid(group));
            for (String g : run("id", "-G", user).strip().split("\\s+")) {
                gids.add(g);
            }
            for (String g : unit.words("SupplementaryGroups")) {
                gids.add(gid(g));
            }
            w.addAll(List.of("setpriv", "--reuid", user, "--regid", gid(group), "--groups", String.join(",", gids)));
            if (unit.one("NoNewPrivileges", "no").equals("yes")) {
                w.add("--no-new-privs");
            }
            w.add("--");
        }
        String umask = unit.one("UMask", "0022");
        w.addAll(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"));
        return w;
    }

    private static ProcessBuilder builder(List<String> wrapper, List<String> argv, Map<String, String> env, Path log) {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(argv);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        return pb;
    }

    /** Creates StateDirectory=/CacheDirectory= directories owned by the service, as systemd does. */
    private static String directories(SystemdUnit unit, String key, String base, String user, String group)
        throws IOException, InterruptedException {
        List<String> made = new ArrayList<>();
        String mode = unit.one(key + "Mode", "0755");
        for (String d : unit.words(key)) {
            Path dir = Path.of(base + d);
            Files.createDirectories(dir);
            run("chown", user + ":" + group, dir.toString());
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString(rwx(mode)));
            made.add(dir.toString());
        }
        return String.join(":", made);
    }

    private static String rwx(String octal) {
        String m = octal.length() > 3 ? octal.substring(octal.length() - 3) : octal;
        StringBuilder sb = new StringBuilder();
        for (char c : m.toCharArray()) {
            int v = c - '0';
            sb.append((v & 4) != 0 ? 'r' : '-').append((v & 2) != 0 ? 'w' : '-').append((v & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }

    private static String primaryGroup(String user) throws IOException, InterruptedException {
        return run("id", "-gn", user).strip();
    }

    private static String gid(String group) throws IOException, InterruptedException {
        String line = run("getent", "group", group).strip();
        if (line.isEmpty()) {
            throw new IOException("group " + group + " does not exist");
        }
        return line.split(":")[2];
    }

    private static String passwdField(String user, int field) throws IOException, InterruptedException {
        String[] f = run("getent", "passwd", user).strip().split(":");
        return f.length > field ? f[field] : "/";
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}
