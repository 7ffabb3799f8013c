package dev.tensile.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ScalarGemm;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.TestNets;
import dev.tensile.tensor.Matrix;

class ForwardProbeTest {

    /**
     * Scalar layers multiplying by 1e15: 1e15, 1e30, then 1e45, which float32 cannot hold. A layer splitting the
     * infinity into +inf and -inf and one adding them back make the NaN two layers later.
     */
    private static Network chain() {
        ModelSpec spec = new ModelSpec(1, List.of(TestNets.linear(1, "relu"), TestNets.linear(1, null),
                TestNets.linear(1, null), TestNets.linear(2, null)), TestNets.linear(2, "softmax"), "cross-entropy");
        Network net = new NetworkBuilder(TestNets.REGISTRY, new ScalarGemm()).build(spec, 1).network();
        float[][] weights = {{1e15f}, {1e15f}, {1e15f}, {1f, -1f}, {1f, 0f, 1f, 0f}};
        List<Parameter> ps = net.parameters();
        for (int i = 0; i < weights.length; i++) {
            System.arraycopy(weights[i], 0, ps.get(2 * i).value().data(), 0, weights[i].length);
        }
        return net;
    }

    @Test
    void reportsEveryDenseLayerWithTheActivationAfterIt() {
        ForwardProbe.Result r = ForwardProbe.run(chain(), Matrix.of(new float[][] {{1f}, {2f}}));
        assertThat(r.depth()).isEqualTo(5);
        assertThat(r.layer(1).layer()).isEqualTo("layer 1 (linear 1) + relu");
        assertThat(r.layer(2).layer()).isEqualTo("layer 2 (linear 1)");
        assertThat(r.layer(1).mean()).isCloseTo(1.5e15, within(1e9));
        assertThat(r.layer(1).std()).isCloseTo(0.5e15, within(1e9));
    }

    @Test
    void statisticsOfHugeFiniteActivationsDoNotOverflow() {
        ForwardProbe.Result r = ForwardProbe.run(chain(), Matrix.of(new float[][] {{1f}, {2f}}));
        // 1e30 squared overflows float32; accumulated in double the std is exact to float rounding
        assertThat(r.layer(2).finite()).isTrue();
        assertThat(r.layer(2).std() / 0.5e30).isCloseTo(1.0, within(1e-6));
        assertThat(r.layer(2).maxAbs() / 2e30).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void findsTheFirstInfiniteAndTheFirstNaNLayer() {
        ForwardProbe.Result r = ForwardProbe.run(chain(), Matrix.of(new float[][] {{1f}, {2f}}));
        assertThat(r.firstInfinite()).isEqualTo(3);
        assertThat(r.layer(3).infinite()).isEqualTo(2);
        assertThat(r.layer(3).std()).isNaN();
        assertThat(r.layer(4).nan()).isZero();
        assertThat(r.layer(4).infinite()).isEqualTo(4);
        assertThat(r.firstNaN()).isEqualTo(5);
        assertThat(r.layer(5).nan()).isEqualTo(4); // per row: inf + (-inf) in the first unit, 0 * inf in the second
        assertThat(r.firstNonFinite()).isEqualTo(3);
        assertThat(r).hasToString("ForwardProbe.Result[5 layers, last std NaN, first infinite at layer 3, first NaN at layer 5]");
    }

    @Test
    void aHealthyNetworkHasNoNonFiniteLayer() {
        ForwardProbe.Result r = ForwardProbe.run(chain(), Matrix.of(new float[][] {{0f}, {0f}}));
        assertThat(r.firstInfinite()).isZero();
        assertThat(r.firstNaN()).isZero();
        assertThat(r.firstNonFinite()).isZero();
        assertThat(r.layers()).allMatch(ForwardProbe.LayerReport::finite);
    }

    @Test
    void standardNormalInputsHaveMeanZeroAndStdOne() {
        Matrix m = ForwardProbe.standardNormal(100, 100, 7);
        ForwardProbe.LayerReport s = ForwardProbe.stats(1, "x", m.data());
        // 10 000 draws: the standard error of the mean is 0.01, of the std about 0.007
        assertThat(s.mean()).isCloseTo(0, within(0.04));
        assertThat(s.std()).isCloseTo(1, within(0.03));
        assertThat(ForwardProbe.standardNormal(1, 5, 7).data()).containsExactly(ForwardProbe.standardNormal(1, 5, 7).data());
    }
}
