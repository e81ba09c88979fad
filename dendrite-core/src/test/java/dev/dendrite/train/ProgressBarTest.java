package dev.dendrite.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void pipedShortEpochsPrintOnlyTheirFinishedLines() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), false);
        for (int epoch = 1; epoch <= 2; epoch++) {
            for (int done = 32; done <= 96; done += 32) {
                bar.update(epoch, 2, done, 96, 0.5, 0.75, 1000);
            }
            bar.endEpoch(epoch, 2, "loss=0.5000 accuracy=0.7500 (0.01s)");
        }
        assertEquals("epoch 1/2 loss=0.5000 accuracy=0.7500 (0.01s)\n"
                + "epoch 2/2 loss=0.5000 accuracy=0.7500 (0.01s)\n", text.toString().replace("\r\n", "\n"));
    }

    @Test
    void terminalEpochLineShowsItsFiguresOnce() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        bar.update(1, 1, 32, 96, 0.9, 0.5, 1000);
        bar.update(1, 1, 96, 96, 0.7, 0.75, 1000);
        bar.endEpoch(1, 1, "loss=0.7000 accuracy=0.7500 (0.01s)");
        String output = text.toString();
        String[] drawn = output.split("\r");
        String last = drawn[drawn.length - 1].strip();
        assertTrue(last.startsWith("epoch 1/1 [" + "=".repeat(30) + "] 96/96 loss=0.7000 accuracy=0.7500"), last);
        assertFalse(last.contains("acc=") || last.contains("samples/s"), "running figures left on the line: " + last);
        assertTrue(output.endsWith(System.lineSeparator()), "the finished epoch ends its line");
    }

    @Test
    void shorterFinalLineBlanksTheRestOfTheBar() {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), true);
        bar.update(1, 1, 96, 96, 0.123456, 0.654321, 123456789);
        bar.endEpoch(1, 1, "x");
        String[] drawn = text.toString().split("\r");
        String running = drawn[1];
        String finished = drawn[2].replace(System.lineSeparator(), "");
        assertTrue(finished.length() >= running.length(), "the old line shows through: '" + finished + "'");
    }
}
