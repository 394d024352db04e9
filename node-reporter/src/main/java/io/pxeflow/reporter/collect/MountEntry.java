package io.pxeflow.reporter.collect;

/**
 * One line of {@code /proc/self/mountinfo}: {@code device} is the kernel's major:minor, the
 * identity of the filesystem (bind mounts share it); {@code root} is the subtree mounted.
 */
public record MountEntry(String device, String root, String mountPoint, String type, String source) {
}
