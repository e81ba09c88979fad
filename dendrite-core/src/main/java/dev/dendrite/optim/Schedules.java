package dev.dendrite.optim;

import dev.dendrite.tensor.Validate;

/** Argument checks shared by the schedules. */
final class Schedules {
    private Schedules() {
    }

    static void check(String schedule, int epoch, double baseRate) {
        Validate.argument(epoch >= 0, schedule, "epoch >= 0", "epoch = " + epoch);
        Validate.nonNegative(baseRate, schedule, "baseRate");
    }
}
