package dev.tensile.spi;

/**
 * Training met a NaN or an infinity and stopped there rather than carry it forward. The message names the step,
 * where it first appeared (a layer's output, a parameter's gradient, or the loss) and what to try.
 */
public final class NonFiniteException extends RuntimeException {
    private final int epoch;
    private final int step;
    private final String where;

    public NonFiniteException(int epoch, int step, String where, String what) {
        super(what + " in " + where + " at epoch " + epoch + ", step " + step
                + ": try a lower learning rate, gradient clipping (clip norm: 1.0), or the initializer that fits"
                + " the activation (he-normal for relu, xavier-uniform for tanh and sigmoid)");
        this.epoch = epoch;
        this.step = step;
        this.where = where;
    }

    public int epoch() {
        return epoch;
    }

    public int step() {
        return step;
    }

    /** The layer, parameter or {@code the loss}. */
    public String where() {
        return where;
    }
}
