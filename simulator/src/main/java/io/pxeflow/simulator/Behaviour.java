package io.pxeflow.simulator;

/** What a synthetic node does once it is powered on. */
public enum Behaviour {
    /** Boots (installs once if pxe+local) and heartbeats to the end. */
    HEALTHY,
    /** Boots, then goes silent long enough to turn stale, comes back, and reboots once. */
    FLAPPING,
    /** PXE-boots again and again without ever reporting up. */
    BOOT_LOOP,
    /** Boots, heartbeats a while, then stops without a word: must end down. */
    DYING_SILENT,
    /** Boots, heartbeats a while, then releases its lease and stops: must end down. */
    DYING_RELEASE
}
