package io.pxeflow.generator.output;

import io.pxeflow.generator.render.Output;
import java.nio.file.Path;
import java.util.Optional;

/** Checks a candidate file before it replaces the live one; returns why it is refused, or empty. */
@FunctionalInterface
public interface PreSwapValidator {
    PreSwapValidator NONE = (output, candidate) -> Optional.empty();

    Optional<String> refusal(Output output, Path candidate);
}
