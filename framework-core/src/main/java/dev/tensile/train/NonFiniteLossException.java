package dev.tensile.train;

/** Training met a NaN or infinite loss: it stops there instead of carrying garbage forward. */
public final class NonFiniteLossException extends RuntimeException {
    public NonFiniteLossException(int epoch, int step, double loss) {
        super("loss became " + loss + " at epoch " + epoch + ", step " + step
                + ": try a lower learning rate, gradient clipping, or the initializer that fits the activation"
                + " (he-* for relu, xavier-* for tanh and sigmoid)");
    }
}
