package io.pxeflow.ctl;

/** A failure the admin should read as one sentence (no stack trace), with its exit code. */
public final class CtlException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;
    private final boolean stopsBatch;

    public CtlException(int exitCode, String message) {
        this(exitCode, message, exitCode == ExitCode.UNREACHABLE);
    }

    /** @param stopsBatch true when every further node would fail the same way (no controller, bad token) */
    public CtlException(int exitCode, String message, boolean stopsBatch) {
        super(message);
        this.exitCode = exitCode;
        this.stopsBatch = stopsBatch;
    }

    public boolean stopsBatch() {
        return stopsBatch;
    }

    public static CtlException usage(String message) {
        return new CtlException(ExitCode.USAGE, message);
    }

    public static CtlException failure(String message) {
        return new CtlException(ExitCode.FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
