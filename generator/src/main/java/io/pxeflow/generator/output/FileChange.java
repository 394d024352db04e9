package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;

/** One file that changed on disk, so reload hooks know what happened to their output. */
public record FileChange(Output output, String path, Kind kind) {
    /** How the file changed. */
    public enum Kind { CREATED, MODIFIED, DELETED }
}
