package dev.dendrite.cli;

import dev.dendrite.cli.ui.ReportState;
import dev.dendrite.cli.ui.RunState;
import dev.dendrite.cli.ui.UiServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dendrite ui --report DIR}: serves a finished run's report as the training page, until interrupted. */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve a finished run's report (history.csv) as the training page on 127.0.0.1.",
        footer = {"", "Example:", "  dendrite ui --report report"})
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--report", required = true, paramLabel = "DIR", description = "The report folder of a run.")
    Path report;

    @Option(names = "--ui-port", paramLabel = "N", defaultValue = "0", description = "The port (default: a free one).")
    int port;

    @Option(names = "--verbose", description = "Print stack traces of errors.")
    boolean verbose;

    @Override
    public Integer call() throws IOException, InterruptedException {
        RunState state = ReportState.load(report);
        try (UiServer server = UiServer.start(state, port, null)) {
            PrintWriter out = spec.commandLine().getOut();
            out.println("serving " + report + " at " + server.url() + " (Ctrl-C to stop)");
            out.flush();
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
