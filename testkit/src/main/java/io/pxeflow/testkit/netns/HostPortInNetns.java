package io.pxeflow.testkit.netns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Makes a TCP port of this JVM's host (a controller's HTTP port on 127.0.0.1) reachable inside a
 * namespace at an address of it, so a VM there fetches from it as from a head node. A Unix socket
 * joins the two sides (a file is visible across network namespaces): this JVM accepts on it and
 * connects to the port; a small JVM started inside the namespace ({@link #main}) listens on TCP
 * and connects to the socket. Nothing is added to the host's network.
 */
public final class HostPortInNetns implements AutoCloseable {
    private final ServerSocketChannel unix;
    private final BackgroundProcess inside;
    private final Thread acceptor;
    private final Path socket;

    private HostPortInNetns(ServerSocketChannel unix, BackgroundProcess inside, Thread acceptor, Path socket) {
        this.unix = unix;
        this.inside = inside;
        this.acceptor = acceptor;
        this.socket = socket;
    }

    /** {@code address:port} inside {@code ns} forwards to {@code 127.0.0.1:hostPort} here. */
    public static HostPortInNetns open(Netns ns, String address, int port, int hostPort, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path socket = workDir.resolve("fwd-" + port + ".sock");
        Files.deleteIfExists(socket);
        ServerSocketChannel unix = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        unix.bind(UnixDomainSocketAddress.of(socket));
        Thread acceptor = new Thread(() -> {
            while (unix.isOpen()) {
                try {
                    SocketChannel in = unix.accept();
                    SocketChannel out = SocketChannel.open(new InetSocketAddress("127.0.0.1", hostPort));
                    pump(in, out);
                } catch (IOException e) {
                    if (!unix.isOpen()) {
                        return;
                    }
                }
            }
        }, "host-port-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes;
        try {
            classes = Path.of(HostPortInNetns.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        Path log = workDir.resolve("fwd-" + port + ".log");
        BackgroundProcess p = ns.start(log, java, "-Xmx32m", "-XX:TieredStopAtLevel=1", "-cp", classes,
            HostPortInNetns.class.getName(), address, Integer.toString(port), socket.toString());
        HostPortInNetns fwd = new HostPortInNetns(unix, p, acceptor, socket);
        try {
            p.awaitFile(log, t -> t.contains("listening"), Duration.ofSeconds(20));
        } catch (AssertionError | InterruptedException e) {
            fwd.close();
            throw e;
        }
        return fwd;
    }

    /** Inside the namespace: {@code ADDRESS PORT SOCKET}; listens on ADDRESS:PORT and joins each connection to SOCKET. */
    public static void main(String[] args) throws IOException {
        ServerSocketChannel tcp = ServerSocketChannel.open();
        tcp.bind(new InetSocketAddress(args[0], Integer.parseInt(args[1])));
        UnixDomainSocketAddress target = UnixDomainSocketAddress.of(args[2]);
        System.out.println("listening on " + args[0] + ":" + args[1]);
        System.out.flush();
        while (true) {
            SocketChannel in = tcp.accept();
            SocketChannel out = SocketChannel.open(target);
            pump(in, out);
        }
    }

    private static void pump(SocketChannel a, SocketChannel b) {
        Thread ab = new Thread(() -> copy(a, b), "pump");
        Thread ba = new Thread(() -> copy(b, a), "pump");
        ab.setDaemon(true);
        ba.setDaemon(true);
        ab.start();
        ba.start();
    }

    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buf) >= 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    to.write(buf);
                }
                buf.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // Both ends are going away.
            }
        }
    }

    @Override
    public void close() {
        inside.close();
        try {
            unix.close();
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // A test's temp directory goes with the test.
        }
        acceptor.interrupt();
    }
}
