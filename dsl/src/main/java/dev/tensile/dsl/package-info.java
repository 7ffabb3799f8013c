/** The Groovy DSL: the script base class, its blocks, the session they build, and error reporting by script line. */
package dev.tensile.dsl;
