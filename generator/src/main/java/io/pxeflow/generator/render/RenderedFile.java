package io.pxeflow.generator.render;

import java.nio.charset.StandardCharsets;

/** One generated file: which output it belongs to, its path under the output directory, its text. */
public record RenderedFile(Output output, String path, String content) {
    public RenderedFile {
        if (path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException("generated paths stay inside the output directory: " + path);
        }
    }

    public byte[] bytes() {
        return content.getBytes(StandardCharsets.UTF_8);
    }
}
