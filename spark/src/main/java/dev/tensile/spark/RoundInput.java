package dev.tensile.spark;

import java.io.Serializable;

/**
 * What the driver broadcasts at the start of a round: the combined state, each partition's cursor and how far to go.
 *
 * @param round          1-based, for messages
 * @param vector         parameters (then optimizer state, when averaging) as {@link Vectors} lays them out
 * @param optimizerSteps the optimizer's step count the state belongs to
 * @param baseRate       the base learning rate as the driver's callbacks left it
 * @param epoch          the epoch this round belongs to; a partition whose shard is done with it sits out
 * @param steps          local steps each replica takes at most (parameter averaging); 1 in synchronous mode
 * @param batchRows      synchronous mode: the rows of this global batch over all partitions (0 when averaging)
 * @param cursors        where each partition stands, by partition index
 */
record RoundInput(int round, float[] vector, long optimizerSteps, double baseRate, int epoch, int steps,
                  int batchRows, Cursor[] cursors) implements Serializable {
}
