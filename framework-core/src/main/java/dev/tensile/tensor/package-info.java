/** The dense float32 matrix every layer works on, and the seeded random numbers that make runs repeatable. */
package dev.tensile.tensor;
