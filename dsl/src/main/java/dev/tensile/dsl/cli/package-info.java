/** The {@code tensile} command line (picocli): run, plugins, and subcommands other modules contribute. */
package dev.tensile.dsl.cli;
