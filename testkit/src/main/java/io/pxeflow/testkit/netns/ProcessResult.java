package io.pxeflow.testkit.netns;

/** What a finished command left behind: its exit code (-1 when it was killed on timeout) and its merged output. */
public record ProcessResult(String command, int exitCode, boolean timedOut, String output) {
    public boolean ok() {
        return !timedOut && exitCode == 0;
    }

    /** This result, or an AssertionError naming the command and everything it printed. */
    public ProcessResult orFail() {
        if (!ok()) {
            throw new AssertionError(describe());
        }
        return this;
    }

    public String describe() {
        return "`" + command + "` " + (timedOut ? "timed out" : "exited " + exitCode) + ":\n" + output;
    }
}
