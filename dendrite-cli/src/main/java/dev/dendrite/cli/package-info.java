/**
 * The {@code dendrite} command: {@link dev.dendrite.cli.Main} and one {@code *Command} class per
 * command (train, evaluate, predict, summary, data, demo, example), with the option parsing and
 * model set-up they share. Pictures live in {@code cli.plot}, benchmarks in {@code cli.bench}.
 */
package dev.dendrite.cli;
