package dev.tensile.spark;

import java.io.Serializable;

import dev.tensile.spi.NonFiniteException;

/**
 * A replica met a NaN or an infinity. It is returned, not thrown: a thrown error would make Spark retry a task that
 * fails the same way every time, and bury the message in a stage failure.
 */
record RoundFailure(int partition, int round, int epoch, int step, String where, String what) implements Serializable {

    static RoundFailure of(int partition, int round, NonFiniteException e) {
        String m = e.getMessage();
        int cut = m.indexOf(" in " + e.where());
        return new RoundFailure(partition, round, e.epoch(), e.step(), e.where(), cut > 0 ? m.substring(0, cut) : m);
    }

    /** The error as the driver reports it, naming the round and the partition. */
    NonFiniteException toException() {
        return new NonFiniteException(epoch, step, where + " of the replica of partition " + partition + " in round "
                + round, what);
    }
}
