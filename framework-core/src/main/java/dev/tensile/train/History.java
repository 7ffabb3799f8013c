package dev.tensile.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.tensile.spi.EpochLog;

/** The record of a training run: its epochs in order, and what a report shows beyond them ({@link Observations}). */
public final class History {
    private final List<EpochLog> epochs = new ArrayList<>();
    private final Observations observations = new Observations();

    /** A history read back from a saved model. */
    public static History of(List<EpochLog> logs) {
        History h = new History();
        h.epochs.addAll(logs);
        return h;
    }

    /** Appends one epoch (the training loop does; so does a cluster backend on its driver). */
    public void add(EpochLog log) {
        epochs.add(log);
    }

    /** Appends the epochs and observations of a continued run. */
    public void addAll(History more) {
        epochs.addAll(more.epochs);
        observations.addAll(more.observations);
    }

    /** A copy to append to without changing this one. */
    public History copy() {
        History h = new History();
        h.addAll(this);
        return h;
    }

    /** Per-layer figures, warnings, evaluation and diagnosis. */
    public Observations observations() {
        return observations;
    }

    public List<EpochLog> epochs() {
        return Collections.unmodifiableList(epochs);
    }

    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    public EpochLog last() {
        if (epochs.isEmpty()) {
            throw new IllegalStateException("no epoch has been trained yet");
        }
        return epochs.get(epochs.size() - 1);
    }
}
