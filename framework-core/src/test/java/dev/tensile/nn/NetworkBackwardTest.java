package dev.tensile.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.spi.Layer;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;

/**
 * {@link Network#backward} leaves each gradient holding one batch's values whether its stage's worker adds to it (the
 * engine zeroes it first) or overwrites it ({@link Layer.Worker#overwritesGradients}: the engine skips the zeroing),
 * and {@link Network#backwardAccumulating} adds on top. Stale values, NaN included, never leak into a step.
 */
class NetworkBackwardTest {

    /** out = in ⊙ w (per feature); dw = Σ over rows of in ⊙ g, added or set; dIn = g ⊙ w unless {@code first}. */
    private static final class Scale implements Layer.Worker {
        final Matrix w;
        final Matrix dw;
        final boolean overwrites;
        final boolean first;
        int overwritingCalls;
        private Matrix in;

        Scale(int width, float w0, boolean overwrites, boolean first) {
            this.w = new Matrix(1, width);
            this.dw = new Matrix(1, width);
            Arrays.fill(w.data(), w0);
            for (int j = 0; j < width; j++) {
                w.data()[j] += 0.25f * j;
            }
            this.overwrites = overwrites;
            this.first = first;
        }

        @Override
        public Matrix forward(Matrix x, boolean training) {
            in = x;
            Matrix out = new Matrix(x.rows(), x.cols());
            for (int i = 0; i < x.size(); i++) {
                out.data()[i] = x.data()[i] * w.data()[i % x.cols()];
            }
            return out;
        }

        @Override
        public Matrix backward(Matrix g) {
            return pass(g, false);
        }

        @Override
        public boolean overwritesGradients() {
            return overwrites;
        }

        @Override
        public Matrix backwardOverwriting(Matrix g) {
            overwritingCalls++;
            return pass(g, true);
        }

        private Matrix pass(Matrix g, boolean set) {
            int cols = g.cols();
            for (int j = 0; j < cols; j++) {
                float s = 0;
                for (int r = 0; r < g.rows(); r++) {
                    s += in.data()[r * cols + j] * g.data()[r * cols + j];
                }
                dw.data()[j] = set ? s : dw.data()[j] + s;
            }
            if (first) {
                return null;
            }
            Matrix dx = new Matrix(g.rows(), cols);
            for (int i = 0; i < g.size(); i++) {
                dx.data()[i] = g.data()[i] * w.data()[i % cols];
            }
            return dx;
        }

        Stage stage(int index) {
            return new Stage(index, "layer " + index + " (scale)", "scale", this,
                    List.of(new Parameter("layer" + index + ".w", w, dw, false)), Shape.of(w.cols()), Shape.of(w.cols()),
                    true, true, null);
        }
    }

    private static Matrix batch(int rows, int cols, float base) {
        Matrix m = new Matrix(rows, cols);
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = base + 0.5f * (i % 7) - 0.125f * i;
        }
        return m;
    }

    /** Four stages: a first that returns no input gradient, an adding, an overwriting, an adding one. */
    private static Scale[] workers(boolean secondOverwrites) {
        return new Scale[] {new Scale(3, 1f, false, true), new Scale(3, -0.5f, secondOverwrites, false),
                new Scale(3, 2f, true, false), new Scale(3, 0.75f, false, false)};
    }

    private static Network network(Scale[] ws) {
        Stage[] stages = new Stage[ws.length];
        for (int i = 0; i < ws.length; i++) {
            stages[i] = ws[i].stage(i + 1);
        }
        return new Network(List.of(stages), new MeanSquaredError());
    }

    @Test
    void everyGradientHoldsOneBatchWhetherItsWorkerAddsOrOverwrites() {
        Matrix x = batch(4, 3, 0.3f);
        Matrix g = batch(4, 3, -0.2f);
        // the reference: every stage adds, after zeroing
        Scale[] adding = {new Scale(3, 1f, false, true), new Scale(3, -0.5f, false, false),
                new Scale(3, 2f, false, false), new Scale(3, 0.75f, false, false)};
        Network reference = network(adding);
        reference.forward(x, true);
        reference.backward(g);

        Scale[] ws = workers(true);
        Network net = network(ws);
        for (Scale w : ws) {
            Arrays.fill(w.dw.data(), Float.NaN); // what a previous step could have left, at its worst
        }
        net.forward(x, true);
        net.backward(g);
        net.backward(g); // a second step on the same batch: the same gradients, not twice them
        for (int i = 0; i < ws.length; i++) {
            assertThat(ws[i].dw.data()).as("stage %d", i + 1).containsExactly(adding[i].dw.data());
        }
        assertThat(ws[1].overwritingCalls).isEqualTo(2);
        assertThat(ws[2].overwritingCalls).isEqualTo(2);
        assertThat(ws[0].overwritingCalls + ws[3].overwritingCalls).isZero();

        net.backwardAccumulating(g); // adds, through backward, for every stage
        for (int i = 0; i < ws.length; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(ws[i].dw.data()[j]).isEqualTo(2 * adding[i].dw.data()[j]);
            }
        }
        assertThat(ws[2].overwritingCalls).isEqualTo(2);
    }

    @Test
    void stagesBeforeTheOneThatStopsTheWalkAreZeroedNotLeftStale() {
        // the second stage overwrites and is the first to return no input gradient: the walk stops there
        Scale first = new Scale(3, 1f, false, false);
        Scale stopper = new Scale(3, -0.5f, true, true);
        Scale last = new Scale(3, 2f, true, false);
        Network net = new Network(List.of(first.stage(1), stopper.stage(2), last.stage(3)), new MeanSquaredError());
        Arrays.fill(first.dw.data(), Float.NaN);
        Arrays.fill(stopper.dw.data(), Float.NaN);
        net.forward(batch(2, 3, 0.1f), true);
        net.backward(batch(2, 3, 0.4f));
        assertThat(first.dw.data()).containsExactly(0f, 0f, 0f);
        assertThat(stopper.dw.data()).doesNotContain(Float.NaN);
        assertThat(stopper.overwritingCalls).isEqualTo(1);
    }
}
