package io.pxeflow.reporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pxeflow.protocol.message.Heartbeat.InterfaceCounters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every collector against fixture copies of real kernel files, asserting the exact parsed values. */
class FixtureCollectorsTest {

    @Nested
    class TypicalDiskNode {
        final ProcFs fs = Fixtures.fs("typical");

        @Test
        void scalarsAreReadAsTheKernelWroteThem() {
            assertEquals(new LoadAvg(3.52, 2.87, 1.04), LoadAvg.read(fs));
            assertEquals(86512.34, Uptime.read(fs));
            assertEquals("5.14.0-427.13.1.el9_4.x86_64", KernelRelease.read(fs));
            assertEquals("9b2f7c1e-4a6d-4f0e-8d3b-2a1c5e7f9d10", BootId.read(fs));
            assertEquals("node15", Hostname.read(fs));
            assertEquals(8, CpuCount.read(fs));
        }

        @Test
        void cpuLineSumsBusyWithoutCountingGuestTwice() {
            // user 1000 nice 50 system 300 idle 8000 iowait 400 irq 20 softirq 30 steal 0 guest 0 guest_nice 0
            assertEquals(new CpuTimes(1400, 8000, 400L), CpuTimes.read(fs));
        }

        @Test
        void memoryIsInBytesAndSwapUsedIsTotalMinusFree() {
            MemInfo m = MemInfo.read(fs);
            assertEquals(65536000L * 1024, m.totalBytes());
            assertEquals(52000000L * 1024, m.availableBytes());
            assertEquals(8388604L * 1024, m.swapTotalBytes());
            assertEquals((8388604L - 8000000L) * 1024, m.swapUsedBytes());
        }

        @Test
        void interfacesExceptLoopbackWithTheirCounters() {
            assertEquals(List.of(
                new InterfaceCounters("eno1", 9876543210L, 1234567890L, 12345678L, 2345678L, 3, 1),
                new InterfaceCounters("eno2", 0, 0, 0, 0, 0, 0)), NetDev.read(fs));
        }

        @Test
        void localFilesystemsOnlyNfsHomeAndPlumbingLeftOut() {
            assertEquals(Map.of(
                "/", "xfs /dev/sda2",
                "/dev/shm", "tmpfs tmpfs",
                "/boot", "xfs /dev/sda1",
                "/scratch", "xfs /dev/sda3"), Fixtures.mountTable(Mounts.local(fs)));
            assertEquals(List.of("/", "/dev/shm", "/boot", "/scratch"),
                Mounts.local(fs).stream().map(MountEntry::mountPoint).toList(), "mount order is kept");
        }
    }

    @Nested
    class NoSwap {
        @Test
        void swapIsZeroNotAbsent() {
            MemInfo m = MemInfo.read(Fixtures.fs("noswap"));
            assertEquals(16318412L * 1024, m.totalBytes());
            assertEquals(14000000L * 1024, m.availableBytes());
            assertEquals(0L, m.swapTotalBytes());
            assertEquals(0L, m.swapUsedBytes());
        }
    }

    @Nested
    class NfsRootDisklessNode {
        final ProcFs fs = Fixtures.fs("nfs-root");

        @Test
        void seed000LocalVarTmpHomeShowAndNetworkMountsAreNeverStatted() {
            // The NFS root, an NFS share, Lustre and a FUSE (CVMFS) mount are all left out.
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("/dev/shm", "tmpfs tmpfs");
            expected.put("/var", "ext3 /dev/sda1");
            expected.put("/tmp", "ext3 /dev/sda2");
            expected.put("/home", "ext3 /dev/sda3");
            assertEquals(expected, Fixtures.mountTable(Mounts.local(fs)));
        }

        @Test
        void fqdnHostNameBecomesTheShortNodeName() {
            assertEquals("wn042", Hostname.read(fs));
            assertEquals("2.6.32-754.35.1.el6.x86_64", KernelRelease.read(fs));
        }
    }

    @Nested
    class BindMounts {
        @Test
        void bindsAreListedOnceShadowedMountsNotAtAllEscapesDecoded() {
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("/", "ext4 /dev/mapper/vg0-root");
            expected.put("/home", "ext4 /dev/mapper/vg0-home");
            expected.put("/tmp", "tmpfs tmpfs");
            expected.put("/data/my disk", "xfs /dev/mapper/vg0-data");
            expected.put("/scratch", "btrfs /dev/mapper/vg0-scratch");
            List<MountEntry> local = Mounts.local(Fixtures.fs("bind-mounts"));
            assertEquals(expected, Fixtures.mountTable(local));
            // Two tmpfs were mounted on /tmp; statvfs sees the top one (0:31), so that is the one listed.
            assertEquals("0:31", local.get(2).device());
        }
    }

    @Nested
    class ManyInterfaces {
        @Test
        void fortyInterfacesIncludingBondsVlansAndInfiniband() {
            List<InterfaceCounters> all = NetDev.read(Fixtures.fs("many-interfaces"));
            assertEquals(40, all.size());
            assertEquals(List.of("eno1", "eno2", "ens1f0", "ens1f1", "bond0", "bond0.100", "bond0.200", "ib0", "ib1",
                "ib0.8001"), all.subList(0, 10).stream().map(InterfaceCounters::name).toList());
            assertEquals(new InterfaceCounters("bond0.100", 7_000_000, 14_000_000, 7_000, 14_000, 6, 12), all.get(5));
            // IPoIB at 100 Gb/s: counters far past 32 bits.
            assertEquals(new InterfaceCounters("ib0", 4611686018427387750L, 3_000_000_000_000L, 9_000_000_000L,
                7_000_000_000L, 8, 16), all.get(7));
            assertEquals("veth0014", all.get(39).name());
        }
    }

    @Nested
    class OldKernel {
        final ProcFs fs = Fixtures.fs("old-kernel");

        @Test
        void fieldsTheKernelLacksAreAbsentNotZero() {
            MemInfo m = MemInfo.read(fs);
            assertEquals(1026100L * 1024, m.totalBytes());
            assertNull(m.availableBytes(), "no MemAvailable before 3.14");
            assertEquals((2096440L - 2094764L) * 1024, m.swapUsedBytes());
            CpuTimes cpu = CpuTimes.read(fs);
            assertEquals(new CpuTimes(2255 + 34 + 2290, 22625563, null), cpu, "2.4 has no iowait column");
        }

        @Test
        void fallbacksForMissingBootIdSysfsAndMountinfo() {
            assertEquals("btime-1062191376", BootId.read(fs));
            assertEquals(2, CpuCount.read(fs), "cpuN lines of /proc/stat when sysfs has no cpu/online");
            Map<String, String> expected = new LinkedHashMap<>();
            expected.put("/", "ext3 /dev/root");
            expected.put("/boot", "ext3 /dev/hda1");
            expected.put("/dev/shm", "tmpfs none");
            expected.put("/var", "ext3 /dev/hda3");
            assertEquals(expected, Fixtures.mountTable(Mounts.local(fs)), "from /proc/mounts, the bind of /dev/hda3 once");
        }

        @Test
        void oldNetDevFormatWithoutSpaceAfterColon() {
            assertEquals(List.of(new InterfaceCounters("eth0", 4294967295L, 987654321L, 29010123L, 1500000L, 7, 0)),
                NetDev.read(fs));
        }
    }

    @Test
    void aMissingRootMeansEverythingAbsent() {
        ProcFs empty = new ProcFs(java.nio.file.Path.of("/nonexistent-pxeflow-root"));
        assertNull(LoadAvg.read(empty));
        assertNull(Uptime.read(empty));
        assertNull(KernelRelease.read(empty));
        assertNull(BootId.read(empty));
        assertNull(CpuTimes.read(empty));
        assertNull(CpuCount.read(empty));
        assertEquals(new MemInfo(null, null, null, null), MemInfo.read(empty));
        assertEquals(List.of(), NetDev.read(empty));
        assertEquals(List.of(), Mounts.local(empty));
    }
}
