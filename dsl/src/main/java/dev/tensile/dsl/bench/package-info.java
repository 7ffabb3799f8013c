/** The training benchmarks of BENCHMARKS.md (B2), run by {@code tensile bench train}. */
package dev.tensile.dsl.bench;
