package io.pxeflow.ctl;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the context, the global options, a lazily built API client. */
abstract class CtlCommand implements Callable<Integer> {
    @ParentCommand
    CtlMain root;

    @Mixin
    GlobalOptions options;

    private ApiClient api;

    @Override
    public final Integer call() {
        return run();
    }

    protected abstract int run();

    protected Context ctx() {
        return root.context();
    }

    protected PrintWriter out() {
        return ctx().out();
    }

    protected OutputFormat format() {
        return options.output();
    }

    protected ApiClient api() {
        if (api == null) {
            api = options.client(ctx());
        }
        return api;
    }

    protected void printJson(JsonNode node) {
        out().println(JsonOut.pretty(node));
    }

    /** Tables fit 80 columns; {@code -o wide} prints everything at full width. */
    protected int width() {
        return format() == OutputFormat.wide ? 0 : Table.DEFAULT_WIDTH;
    }
}
