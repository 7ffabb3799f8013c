/**
 * Benchmarks of the spark module (not tests): B2a of BENCHMARKS.md trained on a Spark master beside the single-JVM
 * run, and the scaling model fitted to those measurements, drawn with XChart.
 */
package dev.tensile.spark.bench;
