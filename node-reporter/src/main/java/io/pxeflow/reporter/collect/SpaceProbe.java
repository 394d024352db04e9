package io.pxeflow.reporter.collect;

/** statvfs of a mounted filesystem; tests substitute fixed numbers for the fixture's mounts. */
@FunctionalInterface
public interface SpaceProbe {
    /** Size, free and available-to-users bytes. */
    record Space(long sizeBytes, long freeBytes, long availBytes) {
    }

    /** The filesystem's space, or null when it cannot be read. Called only for local filesystems. */
    Space stat(MountEntry mount);
}
