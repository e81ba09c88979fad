package dev.dendrite.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Prints the examples under each command's help as they are written. Picocli wraps the footer at
 * the usage width (80 columns) wherever a line break is allowed, even after the dot or colon of a
 * file name or model spec, and a command split over two lines no longer works when pasted into a
 * shell. Indented lines (the example commands) are therefore kept whole; other lines (prose) are
 * wrapped at spaces only. Stateless.
 */
final class HelpFooter {
    private HelpFooter() {
    }

    /** Sets the footer renderer on {@code commandLine} and on all its subcommands. */
    static void install(CommandLine commandLine) {
        int width = commandLine.getUsageHelpWidth();
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_FOOTER,
                help -> render(help.commandSpec().usageMessage().footer(), width));
        commandLine.getSubcommands().values().forEach(HelpFooter::install);
    }

    /** The footer lines, indented ones whole and the others wrapped at spaces to {@code width}. */
    static String render(String[] lines, int width) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith(" ") || line.length() <= width) {
                text.append(line).append(System.lineSeparator());
                continue;
            }
            StringBuilder current = new StringBuilder();
            for (String word : line.split(" ")) {
                if (current.length() > 0 && current.length() + 1 + word.length() > width) {
                    text.append(current).append(System.lineSeparator());
                    current.setLength(0);
                }
                current.append(current.length() == 0 ? "" : " ").append(word);
            }
            text.append(current).append(System.lineSeparator());
        }
        return text.toString();
    }
}
