package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.optim.Sgd;
import dev.tensile.spi.Callback;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingContext;
import dev.tensile.train.TrainingLoop;

class MaxNormTest {

    /** The largest norm of any unit's incoming weights (a column of a weight matrix), in double. */
    static double largestColumnNorm(List<Parameter> ps) {
        double worst = 0;
        for (Parameter p : ps) {
            if (p.isBias()) {
                continue;
            }
            for (int j = 0; j < p.value().cols(); j++) {
                double sq = 0;
                for (int i = 0; i < p.value().rows(); i++) {
                    sq += (double) p.value().get(i, j) * p.value().get(i, j);
                }
                worst = Math.max(worst, Math.sqrt(sq));
            }
        }
        return worst;
    }

    /** The largest column norm seen after every batch, with or without max-norm before the probe. */
    private static List<Double> normsAfterEachBatch(boolean constrained) {
        List<Double> norms = new ArrayList<>();
        Callback.Listener probe = new Callback.Listener() {
            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                norms.add(largestColumnNorm(ctx.network().parameters()));
            }
        };
        List<Callback.Listener> cbs = constrained ? List.of(Fixture.callback("max-norm", Map.of("c", 0.8)), probe) : List.of(probe);
        Network net = Fixture.network(8, 3);
        TrainingLoop.fit(net, Fixture.data(64, 4, false), null,
                new TrainingConfig(5, 8, 1, new Sgd(1.0), List.of(), List.of(), cbs));
        return norms;
    }

    @Test
    void everyUnitsIncomingWeightsStayWithinC() {
        // float rounding of the rescaled weights can leave the norm a few ulps above c
        assertThat(normsAfterEachBatch(true)).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(0.8 * (1 + 1e-6)));
        assertThat(normsAfterEachBatch(false)).as("without the constraint the norms exceed c")
                .anySatisfy(n -> assertThat(n).isGreaterThan(0.8 * 1.5));
    }

    @Test
    void shortVectorsAreLeftUntouched() {
        Network net = Fixture.network(8, 3);
        List<float[]> before = Fixture.copy(net.parameters());
        MaxNorm.constrain(net.parameters(), 1e6);
        List<float[]> after = Fixture.copy(net.parameters());
        for (int k = 0; k < before.size(); k++) {
            assertThat(after.get(k)).containsExactly(before.get(k));
        }
    }
}
