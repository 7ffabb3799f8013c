package dev.tensile.kernel;

/**
 * Splits an elementwise kernel of {@link VectorOps} over the {@link ComputePool} in equal ranges: relu on a batch of
 * feature maps (B3's first convolution gives 3.2 million values a batch) and Adam's update of a large weight matrix
 * (B2b's 784 x 1024 and 1024 x 1024: 7 floats of memory traffic per weight) otherwise run on one thread while the
 * GEMMs around them use all of them. Each element is computed alone, so the result does not depend on the split.
 * One job per calling thread, reused: a call allocates nothing.
 */
final class Elementwise extends PoolSplit {
    /** Fewer values than this (256 KiB of floats) run on the caller: waking a thread costs more. */
    static final int PARALLEL = 1 << 16;
    /** Values per unit of the split: ranges start on a multiple of 64, so only the last range has a vector tail. */
    private static final int VECTOR_RUN = 64;
    private static final ThreadLocal<Elementwise> JOBS = ThreadLocal.withInitial(Elementwise::new);

    private enum Kind { RELU, RELU_BACKWARD, ADAM }

    private VectorOpsSupport impl;
    private Kind kind;
    private float[] x;
    private float[] y;
    private float[] out;
    private float[] adamM;
    private float[] adamV;
    private float beta1;
    private float beta2;
    private float stepSize;
    private float epsilon;
    private int n;

    static void run(VectorOpsSupport impl, boolean backward, float[] x, float[] y, float[] out, int n) {
        Elementwise job = JOBS.get();
        job.kind = backward ? Kind.RELU_BACKWARD : Kind.RELU;
        job.x = x;
        job.y = y;
        job.out = out;
        job.run(impl, n);
    }

    /** {@link VectorOpsSupport#adamUpdate} over [0, n), split over the pool. */
    static void adam(VectorOpsSupport impl, float[] w, float[] g, float[] m, float[] v, int n,
                     float beta1, float beta2, float stepSize, float epsilon) {
        Elementwise job = JOBS.get();
        job.kind = Kind.ADAM;
        job.out = w;
        job.x = g;
        job.adamM = m;
        job.adamV = v;
        job.beta1 = beta1;
        job.beta2 = beta2;
        job.stepSize = stepSize;
        job.epsilon = epsilon;
        job.run(impl, n);
    }

    private void run(VectorOpsSupport impl, int n) {
        this.impl = impl;
        this.n = n;
        try {
            run((n + VECTOR_RUN - 1) / VECTOR_RUN, n);
        } finally {
            x = null;
            y = null;
            out = null;
            adamM = null;
            adamV = null;
        }
    }

    @Override
    public void accept(int task) {
        int from = start(task) * VECTOR_RUN;
        int to = Math.min(n, start(task + 1) * VECTOR_RUN);
        switch (kind) {
            case RELU -> impl.relu(x, out, from, to);
            case RELU_BACKWARD -> impl.reluBackward(x, y, from, out, from, to - from);
            case ADAM -> impl.adamUpdate(out, x, adamM, adamV, from, to, beta1, beta2, stepSize, epsilon);
        }
    }
}
