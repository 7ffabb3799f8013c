/**
 * Data-parallel training on Apache Spark, the {@code spark} backend of {@code dev.tensile.distributed}: the
 * training set is split into one shard per partition; each round, every partition's replica (the same engine:
 * {@code TrainingLoop}, network, optimizer) trains on its shard and the driver combines the replicas with
 * {@code treeReduce} and broadcasts the result. {@link dev.tensile.spark.ParameterAveraging} averages weights and
 * optimizer state after K local steps; {@link dev.tensile.spark.SynchronousSgd} averages the gradients of one global
 * batch and steps the optimizer on the driver. Callbacks run on the driver after each round.
 */
package dev.tensile.spark;
