/**
 * The seam to training on a cluster: {@link dev.tensile.distributed.DistributedTraining} is found through
 * {@code ServiceLoader} (the optional {@code tensile-spark} module provides {@code spark}), so the core, the DSL and
 * the shell never need a cluster library on their class path. A {@link dev.tensile.distributed.Distribution} is a
 * script's {@code distributed ...} line: which backend, with which options.
 */
package dev.tensile.distributed;
