package dev.dendrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command's help keeps its example lines whole, so they can be pasted, and wraps prose at spaces. */
class HelpFooterTest {
    private static void collect(CommandLine command, List<CommandLine> into) {
        if (!(command.getCommand() instanceof CommandLine.HelpCommand)) {
            into.add(command);
        }
        command.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void exampleLinesArePrintedWholeInEveryCommandsHelp() {
        List<CommandLine> commands = new ArrayList<>();
        collect(Main.commandLine(new String[0]), commands);
        int examples = 0;
        for (CommandLine command : commands) {
            List<String> path = new ArrayList<>(Arrays.asList(command.getCommandSpec().qualifiedName().split(" ")));
            path.remove(0);
            path.add("--help");
            CliRun run = CliRun.ok(path.toArray(String[]::new));
            List<String> lines = run.out().lines().toList();
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                if (line.startsWith("  dendrite ")) {
                    examples++;
                    assertTrue(lines.contains(line), "'" + line + "' broken in the help of "
                            + command.getCommandSpec().qualifiedName() + ":\n" + run.out());
                }
            }
            for (String line : lines) {
                assertTrue(line.length() <= 80 || line.startsWith("  dendrite "), "a help line over 80 columns in "
                        + command.getCommandSpec().qualifiedName() + ": '" + line + "'");
                assertFalse(splitInsideAToken(line), "a help line ends inside a spec or path in "
                        + command.getCommandSpec().qualifiedName() + ": '" + line + "'");
            }
        }
        assertTrue(examples > 20, "examples found: " + examples);
    }

    /**
     * Whether the line's last word was cut where picocli may break a line, after a colon, slash or
     * hyphen inside it ({@code mlp:IN-64-OUT:} cut from {@code relu}); "Default:" is a whole word.
     */
    static boolean splitInsideAToken(String line) {
        String word = line.substring(line.lastIndexOf(' ') + 1);
        return word.length() > 1 && ":/-".indexOf(word.charAt(word.length() - 1)) >= 0
                && word.substring(0, word.length() - 1).chars().anyMatch(c -> ":/-".indexOf(c) >= 0);
    }

    @Test
    void aWordCutAfterAColonInsideItIsSeen() {
        assertTrue(splitInsideAToken("      --model=SPEC   (default: mlp:IN-64-OUT:"));
        assertFalse(splitInsideAToken("      --dir=DIR      The data folder; files go to DIR/NAME. Default:"));
    }

    @Test
    void proseIsWrappedAtSpacesAndExamplesNever() {
        String example = "  dendrite train --data mnist:../shared/data/mnist --model mlp:784-256-128-10:relu --epochs 5";
        String prose = "Without --mnist the data are 60 000 seeded random MNIST-shaped samples, so no download is "
                + "needed to measure.";
        String text = HelpFooter.render(new String[] {example, prose}, 40);
        String newline = System.lineSeparator();
        assertEquals(example + newline + "Without --mnist the data are 60 000" + newline
                + "seeded random MNIST-shaped samples, so" + newline + "no download is needed to measure." + newline,
                text);
    }
}
