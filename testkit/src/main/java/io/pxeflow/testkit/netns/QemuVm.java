package io.pxeflow.testkit.netns;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pxeflow.testkit.Binaries;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A real x86 machine booting from the network: QEMU (TCG; nested KVM is not assumed) with an
 * e1000 NIC whose option ROM is Debian's iPXE (ipxe-qemu), on a tap device of a namespace, boot
 * order network then disk. Its serial console (where iPXE, PXELINUX and {@link #bootSector}
 * print) goes to {@link #serial()}. One boot per VM: close it and start another for the next.
 */
public final class QemuVm implements AutoCloseable {
    /** The PXE ROM QEMU's e1000 loads; from Debian's ipxe-qemu. */
    public static final Path E1000_ROM = Path.of("/usr/lib/ipxe/qemu/pxe-e1000.rom");
    private final BackgroundProcess process;
    private final Path serial;

    private QemuVm(BackgroundProcess process, Path serial) {
        this.process = process;
        this.serial = serial;
    }

    /** Starts a VM with NIC {@code mac} on tap {@code tap} of {@code ns}, and {@code disk} (raw) as its hard disk. */
    public static QemuVm start(Netns ns, Path workDir, String tap, String mac, Path disk) throws IOException {
        Path qemu = Binaries.require("qemu-system-x86_64", "qemu-system-x86");
        assumeTrue(Files.isRegularFile(E1000_ROM), E1000_ROM + " is missing; apt-get install ipxe-qemu to run this test");
        Files.createDirectories(workDir);
        Path serial = workDir.resolve("serial-" + System.nanoTime() + ".log");
        BackgroundProcess p = ns.start(workDir.resolve("qemu.out"), qemu.toString(), "-accel", "tcg", "-m", "256",
            "-nographic", "-nodefaults", "-serial", "file:" + serial, "-monitor", "none",
            "-netdev", "tap,id=n0,ifname=" + tap + ",script=no,downscript=no",
            "-device", "e1000,netdev=n0,mac=" + mac + ",romfile=" + E1000_ROM,
            "-boot", "order=nc", "-drive", "file=" + disk + ",if=ide,format=raw");
        return new QemuVm(p, serial);
    }

    public Path serial() {
        return serial;
    }

    /** The serial console so far, escape sequences removed. */
    public String console() {
        try {
            String raw = Files.exists(serial) ? new String(Files.readAllBytes(serial), StandardCharsets.UTF_8) : "";
            return raw.replaceAll("\u001b\\[[0-9;]*[A-Za-z]", "").replace("\r", "");
        } catch (IOException e) {
            return "(cannot read " + serial + ": " + e + ")";
        }
    }

    /** Waits until the console satisfies {@code condition}; fails with the console if QEMU dies or time runs out. */
    public void awaitConsole(String what, Predicate<String> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(console())) {
            if (!process.alive()) {
                throw new AssertionError(what + ": QEMU exited: " + process.output() + "\n--- console:\n" + console());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + timeout + "\n--- console:\n" + console());
            }
            Thread.sleep(200);
        }
    }

    /**
     * A raw disk whose boot sector prints {@code message} on the first serial port and halts: a
     * machine told to boot its local disk says so on its console.
     */
    public static Path bootSector(Path file, String message) throws IOException {
        byte[] code = {
            (byte) 0xFA,                                  // cli
            0x31, (byte) 0xC0,                            // xor ax, ax
            (byte) 0x8E, (byte) 0xD8,                     // mov ds, ax
            (byte) 0xBE, 0x16, 0x7C,                      // mov si, 0x7c16 (the message, below)
            (byte) 0xBA, (byte) 0xF8, 0x03,               // mov dx, 0x3f8 (COM1)
            (byte) 0xAC,                                  // next: lodsb
            (byte) 0x84, (byte) 0xC0,                     // test al, al
            0x74, 0x03,                                   // jz done
            (byte) 0xEE,                                  // out dx, al
            (byte) 0xEB, (byte) 0xF8,                     // jmp next
            (byte) 0xF4,                                  // done: hlt
            (byte) 0xEB, (byte) 0xFD,                     // jmp done
        };
        byte[] text = (message + "\r\n").getBytes(StandardCharsets.US_ASCII);
        if (code.length != 0x16 || code.length + text.length + 1 > 510) {
            throw new IllegalArgumentException("message too long for a boot sector: " + message);
        }
        byte[] disk = new byte[1024 * 1024];
        System.arraycopy(code, 0, disk, 0, code.length);
        System.arraycopy(text, 0, disk, code.length, text.length);
        disk[510] = 0x55;
        disk[511] = (byte) 0xAA;
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, disk);
        return file;
    }

    /** Powers the VM off (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        process.close();
    }
}
