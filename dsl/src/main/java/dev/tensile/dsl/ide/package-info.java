/**
 * Help for editing scripts in an IDE: the DSL's words, their arguments and the plugins' parameters gathered from the
 * same tables as the shell's completion ({@link dev.tensile.dsl.Keywords}), written as an IntelliJ GDSL descriptor.
 */
package dev.tensile.dsl.ide;
