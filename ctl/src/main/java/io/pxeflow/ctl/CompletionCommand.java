package io.pxeflow.ctl;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", description = {"Print a shell completion script.",
    "bash: source <(ctl completion bash)   or save it to /etc/bash_completion.d/ctl"})
final class CompletionCommand extends CtlCommand {
    @Parameters(arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
        description = "bash (zsh also reads it after `autoload bashcompinit && bashcompinit`)")
    String shell;

    @Override
    protected int run() {
        if (!"bash".equals(shell) && !"zsh".equals(shell)) {
            throw CtlException.usage("completion is generated for bash (and zsh through bashcompinit), not " + shell);
        }
        // A fresh tree, so the script covers every command and option exactly as parsed.
        CommandLine cl = CtlMain.commandLine(ctx());
        out().print(AutoComplete.bash("ctl", cl));
        return ExitCode.OK;
    }
}
