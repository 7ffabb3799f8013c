package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The JDK picks one of the 6-row kernel's two loop forms; both must give the same sums, bit for bit. */
class PanamaTransposedAKernelsTest {
    @Test
    void bothLoopFormsOfTheSixRowKernelGiveTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(3);
        int lanes = 2 * jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        for (int kc : new int[] {1, 2, 7, 40, 257}) {
            int lda = 6 + rnd.nextInt(5);
            int aIdx = rnd.nextInt(4);
            int bIdx = lanes * rnd.nextInt(3);
            float[] a = GemmTest.random(rnd, aIdx + kc * lda);
            float[] bp = GemmTest.random(rnd, bIdx + kc * lanes);
            float[] counted = new float[6 * lanes];
            float[] indexLoop = new float[6 * lanes];
            PanamaTransposedAKernels.kernel6x2(kc, a, aIdx, lda, bp, bIdx, counted);
            PanamaTransposedAKernels.kernel6x2IndexLoop(kc, a, aIdx, lda, bp, bIdx, indexLoop);
            assertThat(indexLoop).as("kc=%d lda=%d", kc, lda).containsExactly(counted);
            // and they are the sums they should be
            for (int r = 0; r < 6; r++) {
                for (int j = 0; j < lanes; j++) {
                    double sum = 0;
                    for (int p = 0; p < kc; p++) {
                        sum += (double) a[aIdx + p * lda + r] * bp[bIdx + p * lanes + j];
                    }
                    assertThat((double) counted[r * lanes + j]).isCloseTo(sum, Offset.offset(1e-4 * kc));
                }
            }
        }
    }
}
