package io.pxeflow.generator.reload;

import io.pxeflow.generator.output.PreSwapValidator;
import io.pxeflow.generator.render.Output;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a candidate file with the real tool before it replaces the live one, e.g.
 * {@code validate.dhcpd=dhcpd -t -cf {file}} or {@code validate.kea=kea-dhcp4 -t {file}}. The
 * daemon's own parser is the only authority on what it accepts.
 */
public final class ToolValidator implements PreSwapValidator {
    private static final Logger LOG = LoggerFactory.getLogger(ToolValidator.class);

    private final Map<Output, CommandLine> commands = new EnumMap<>(Output.class);
    private final CommandRunner runner;
    private final ValidationListener listener;

    /** Told about every refusal, for metrics. */
    @FunctionalInterface
    public interface ValidationListener {
        void refused(Output output);
    }

    public ToolValidator(Map<Output, String> commands, CommandRunner runner, ValidationListener listener) {
        commands.forEach((o, c) -> this.commands.put(o, CommandLine.parse(c)));
        this.runner = runner;
        this.listener = listener;
    }

    @Override
    public Optional<String> refusal(Output output, Path candidate) {
        CommandLine cmd = commands.get(output);
        if (cmd == null) {
            return Optional.empty();
        }
        CommandLine concrete = cmd.withFile(candidate.toString());
        CommandRunner.Result r = runner.run(concrete);
        if (r.ok()) {
            LOG.debug("{} accepted by '{}' in {} ms", output.code(), cmd, r.took().toMillis());
            return Optional.empty();
        }
        listener.refused(output);
        return Optional.of(r.describe(concrete));
    }
}
