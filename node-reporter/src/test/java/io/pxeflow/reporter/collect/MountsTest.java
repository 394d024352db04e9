package io.pxeflow.reporter.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountsTest {

    private static MountEntry m(String point, String type) {
        return new MountEntry("0:1", "/", point, type, "src");
    }

    @Test
    void networkAndFuseFilesystemsAreNeverLocal() {
        for (String type : List.of("nfs", "nfs4", "cifs", "lustre", "gpfs", "beegfs", "fuse.sshfs", "fuse.cvmfs2", "9p")) {
            assertFalse(Mounts.isLocal(m("/data", type)), type);
        }
    }

    @Test
    void tmpfsCountsExceptUnderRunAndDevButDevShmDoes() {
        assertTrue(Mounts.isLocal(m("/tmp", "tmpfs")));
        assertTrue(Mounts.isLocal(m("/", "tmpfs")), "a diskless root in RAM");
        assertTrue(Mounts.isLocal(m("/dev/shm", "tmpfs")), "MPI shared memory");
        assertFalse(Mounts.isLocal(m("/run", "tmpfs")));
        assertFalse(Mounts.isLocal(m("/run/user/1000", "tmpfs")));
        assertFalse(Mounts.isLocal(m("/sys/fs/cgroup", "tmpfs")));
        assertTrue(Mounts.isLocal(m("/runner", "ext4")), "only the /run subtree, not every name starting with it");
    }

    @Test
    void overlayCountsOnlyAsTheRoot() {
        assertTrue(Mounts.isLocal(m("/", "overlay")));
        assertFalse(Mounts.isLocal(m("/var/lib/docker/overlay2/x/merged", "overlay")));
    }

    @Test
    void octalEscapesAreDecoded() {
        assertEquals("/a b\tc\\d", Mounts.unescape("/a\\040b\\011c\\134d"));
        assertEquals("/trailing\\", Mounts.unescape("/trailing\\"));
        assertEquals("/x\\9", Mounts.unescape("/x\\9"));
    }

    @Test
    void malformedMountinfoLinesAreSkipped() {
        List<MountEntry> parsed = Mounts.parseMountinfo(List.of("garbage", "1 2 3", "",
            "22 1 8:2 / / rw - ext4 /dev/sda2 rw"));
        assertEquals(List.of(new MountEntry("8:2", "/", "/", "ext4", "/dev/sda2")), parsed);
    }

    @Test
    void realStatvfsOfThisMachinesRoot() {
        ProcFs fs = ProcFs.system();
        SpaceProbe.Space s = new FileStoreProbe(fs).stat(new MountEntry("0:0", "/", "/", "ext4", "/dev/x"));
        assertNotNull(s);
        assertTrue(s.sizeBytes() > 0 && s.freeBytes() <= s.sizeBytes() && s.availBytes() <= s.freeBytes(), s.toString());
        assertEquals(null, new FileStoreProbe(new ProcFs(Path.of("/nonexistent-root")))
            .stat(new MountEntry("0:0", "/", "/", "ext4", "/dev/x")));
    }
}
