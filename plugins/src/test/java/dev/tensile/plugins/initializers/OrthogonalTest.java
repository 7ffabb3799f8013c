package dev.tensile.plugins.initializers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Initializer;
import dev.tensile.tensor.Matrix;
import dev.tensile.tensor.Rng;

class OrthogonalTest {
    private static final PluginRegistry REGISTRY = PluginRegistry.discover();

    private static Matrix fill(int rows, int cols, double gain, long seed) {
        PluginRegistry.Bound<Initializer> b = REGISTRY.bind(Initializer.class, "orthogonal", Map.of("gain", gain));
        Matrix w = new Matrix(rows, cols);
        b.plugin().create(b.params()).fill(w, rows, cols, new Rng(seed));
        return w;
    }

    /** Largest |(AᵀA or AAᵀ)_ij - gain²·δ_ij| over the shorter side, computed in double. */
    private static double deviationFromScaledIdentity(Matrix w, double gain, boolean columns) {
        int k = columns ? w.cols() : w.rows();
        int n = columns ? w.rows() : w.cols();
        double worst = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int p = 0; p < n; p++) {
                    dot += columns ? (double) w.get(p, i) * w.get(p, j) : (double) w.get(i, p) * w.get(j, p);
                }
                worst = Math.max(worst, Math.abs(dot - (i == j ? gain * gain : 0)));
            }
        }
        return worst;
    }

    @Test
    void tallMatricesHaveOrthonormalColumns() {
        // float32 rounding of each entry (relative 6e-8) over 64-term dot products stays far below 1e-5
        assertThat(deviationFromScaledIdentity(fill(64, 32, 1, 1), 1, true)).isLessThan(1e-5);
        assertThat(deviationFromScaledIdentity(fill(50, 50, 1, 2), 1, true)).isLessThan(1e-5);
    }

    @Test
    void wideMatricesHaveOrthonormalRows() {
        assertThat(deviationFromScaledIdentity(fill(16, 40, 1, 3), 1, false)).isLessThan(1e-5);
    }

    @Test
    void gainScalesEverySingularValue() {
        assertThat(deviationFromScaledIdentity(fill(30, 20, 2.5, 4), 2.5, true)).isLessThan(1e-4);
    }

    @Test
    void isRandomButReproducible() {
        assertThat(fill(8, 8, 1, 5).data()).containsExactly(fill(8, 8, 1, 5).data());
        assertThat(fill(8, 8, 1, 5).data()).isNotEqualTo(fill(8, 8, 1, 6).data());
    }
}
