package io.pxeflow.ctl;

/** The documented exit codes of ctl (docs/ctl.md): scripts branch on these, so they never change. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int UNREACHABLE = 4;

    private ExitCode() {
    }
}
