/** The JLine interactive shell over the Groovy DSL, and its {@code tensile shell} subcommand. */
package dev.tensile.shell;
