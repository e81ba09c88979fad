/**
 * The live training page: {@code dendrite train --ui} and {@code dendrite ui --report DIR}. A
 * {@link dev.dendrite.cli.ui.UiCallback} copies what training produces into a
 * {@link dev.dendrite.cli.ui.RunState}; a {@link dev.dendrite.cli.ui.UiServer} on the loopback
 * address serves the page and pushes the state to it by Server-Sent Events.
 */
package dev.dendrite.cli.ui;
