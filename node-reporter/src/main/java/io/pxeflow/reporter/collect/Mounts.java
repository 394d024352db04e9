package io.pxeflow.reporter.collect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which mounted filesystems a heartbeat reports. The rules, and why:
 * <ul>
 * <li>Network filesystems (NFS, CIFS, Lustre, GPFS, BeeGFS, any FUSE...) are never statted: a dead
 *     server would hang the sampler, and their usage belongs to the file server. A diskless
 *     node's NFS root is therefore not listed; its local /var, /tmp and /home are.</li>
 * <li>Pseudo filesystems (proc, sysfs, cgroup, devtmpfs...) and read-only images (squashfs,
 *     iso9660) carry no free space worth watching; overlay counts only as a node's root, not as a
 *     container layer.</li>
 * <li>tmpfs counts: on a diskless node /tmp or even / lives in RAM, and /dev/shm is where MPI
 *     jobs put shared memory. Other mounts under /dev, /proc, /sys and /run are plumbing.</li>
 * <li>A mount point mounted twice shows only its top mount (what statvfs sees); bind mounts of
 *     one filesystem (same major:minor) are listed once, at the mount of its root if there is one.</li>
 * </ul>
 */
public final class Mounts {
    static final Set<String> NETWORK = Set.of("nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "ceph", "glusterfs",
        "lustre", "gpfs", "beegfs", "9p", "afs", "coda", "panfs", "orangefs", "pvfs2", "davfs", "fuse", "fuseblk",
        "virtiofs");
    static final Set<String> PSEUDO = Set.of("proc", "sysfs", "devtmpfs", "devpts", "cgroup", "cgroup2", "securityfs",
        "debugfs", "tracefs", "pstore", "bpf", "configfs", "fusectl", "mqueue", "hugetlbfs", "autofs", "binfmt_misc",
        "efivarfs", "rpc_pipefs", "nsfs", "selinuxfs", "nfsd", "ramfs", "squashfs", "iso9660", "udf");

    private Mounts() {
    }

    /** The local filesystems to report, in mount order. */
    public static List<MountEntry> local(ProcFs fs) {
        List<String> info = fs.lines("/proc/self/mountinfo");
        List<MountEntry> all = info != null ? parseMountinfo(info) : parseProcMounts(fs.lines("/proc/mounts"));
        return select(all);
    }

    static List<MountEntry> select(List<MountEntry> all) {
        // The last mount at a mount point hides the earlier ones.
        Map<String, MountEntry> byPoint = new LinkedHashMap<>();
        for (MountEntry m : all) {
            byPoint.remove(m.mountPoint());
            byPoint.put(m.mountPoint(), m);
        }
        Map<String, MountEntry> byDevice = new LinkedHashMap<>();
        for (MountEntry m : byPoint.values()) {
            if (!isLocal(m)) {
                continue;
            }
            MountEntry seen = byDevice.get(m.device());
            if (seen == null || (!seen.root().equals("/") && m.root().equals("/"))) {
                byDevice.put(m.device(), m);
            }
        }
        return List.copyOf(byDevice.values());
    }

    static boolean isLocal(MountEntry m) {
        String type = m.type();
        if (NETWORK.contains(type) || type.startsWith("fuse.") || PSEUDO.contains(type)) {
            return false;
        }
        if (type.equals("overlay") && !m.mountPoint().equals("/")) {
            return false;
        }
        String p = m.mountPoint();
        if (p.equals("/dev/shm")) {
            return true;
        }
        return !(under(p, "/proc") || under(p, "/sys") || under(p, "/dev") || under(p, "/run"));
    }

    private static boolean under(String path, String dir) {
        return path.equals(dir) || path.startsWith(dir + "/");
    }

    /** "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue". */
    static List<MountEntry> parseMountinfo(List<String> lines) {
        List<MountEntry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            int dash = -1;
            for (int i = 6; i < f.length; i++) {
                if (f[i].equals("-")) {
                    dash = i;
                    break;
                }
            }
            if (f.length < 10 || dash < 0 || dash + 2 >= f.length) {
                continue;
            }
            out.add(new MountEntry(f[2], unescape(f[3]), unescape(f[4]), f[dash + 1], unescape(f[dash + 2])));
        }
        return out;
    }

    /**
     * {@code /proc/mounts}, for kernels before 2.6.26 without mountinfo: no device numbers, so
     * the source stands in for them (bind mounts of a block device still collapse into one).
     */
    static List<MountEntry> parseProcMounts(List<String> lines) {
        if (lines == null) {
            return List.of();
        }
        List<MountEntry> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split(" ");
            if (f.length < 3) {
                continue;
            }
            String source = unescape(f[0]);
            String point = unescape(f[1]);
            String device = source.startsWith("/dev/") ? "src:" + source : "mnt:" + point;
            out.add(new MountEntry(device, "/", point, f[2], source));
        }
        return out;
    }

    /** The kernel escapes space, tab, newline and backslash in mount paths as three octal digits. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && isOctal(s, i + 1)) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isOctal(String s, int from) {
        if (from + 3 > s.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
