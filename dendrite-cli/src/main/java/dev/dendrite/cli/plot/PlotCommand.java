package dev.dendrite.cli.plot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code dendrite plot}: draws charts as PNG images or SVG pictures. Each kind of chart is a subcommand
 * ({@code activations}, ...); adding one means writing its command class, using the shared
 * {@link PlotOutput} options and {@link ChartGrid} layout, and listing it in {@code subcommands}.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw charts as PNG images or SVG vector pictures (by the --out name).",
        subcommands = {ActivationPlotRenderer.class, HistoryPlotCommand.class, ConfusionPlotCommand.class, BoundaryPlotCommand.class,
            WeightsPlotCommand.class, SaliencyPlotCommand.class, LayersPlotCommand.class, MisclassifiedPlotCommand.class,
            FiltersPlotCommand.class},
        footer = {"", "Example:", "  dendrite plot activations --out activations.png"})
public final class PlotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    /** Without a subcommand there is nothing to draw: a usage error naming the choices. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "expected what to plot (" + String.join(", ", spec.subcommands().keySet()) + "), got nothing");
    }
}
