/**
 * The {@code dendrite} command: {@link dev.dendrite.cli.Main} and one {@code *Command} class per
 * command (train, evaluate, predict, summary, trace, ui, data, demo, example), with the option parsing and
 * model set-up they share. Pictures live in {@code cli.plot}, benchmarks in {@code cli.bench}, the trace's
 * arithmetic in {@code cli.trace} and the live training page in {@code cli.ui}.
 */
package dev.dendrite.cli;
