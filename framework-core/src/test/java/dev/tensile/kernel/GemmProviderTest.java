package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GemmProviderTest {
    @Test
    void choosesPanamaWhenTheVectorModuleIsLoaded() {
        // Surefire starts the test JVM with --add-modules jdk.incubator.vector.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        GemmProvider.Choice choice = GemmProvider.choose("", null);
        int bits = PanamaGemm.vectorBits();
        if (bits == 256 || bits == 512) {
            // the vector GEMM, with the narrow products served in front of it
            assertThat(choice.shared).isInstanceOf(NarrowGemm.class);
            assertThat(((NarrowGemm) choice.shared).wrapped()).isInstanceOf(PanamaGemm.class);
            assertThat(choice.create(2)).isInstanceOf(NarrowGemm.class);
            assertThat(choice.reason).contains(bits + " bits");
            // Named by what it is: vector width and tile, never an instruction set guessed from the lane count.
            assertThat(choice.shared.name()).isEqualTo("panama-" + bits + "bit-" + choice.config.rows() + "x"
                    + (2 * bits / 32));
        } else {
            assertThat(choice.shared).isInstanceOf(ScalarGemm.class);
            assertThat(choice.reason).contains(bits + " bits");
        }
    }

    @Test
    void withoutC2TheVectorPathIsRefusedAndTheReasonLogged() {
        GemmProvider.Choice choice = GemmProvider.choose("", "-XX:TieredStopAtLevel=1 stops at C1");
        assertThat(choice.shared).isInstanceOf(ScalarGemm.class);
        assertThat(choice.reason).isEqualTo("the vector kernel needs C2 and -XX:TieredStopAtLevel=1 stops at C1");
    }

    @Test
    void thisTestJvmRunsC2() {
        assertThat(CompilerCheck.missingC2()).isNull();
    }

    @Test
    void thePropertyForcesTheScalarImplementation() {
        GemmProvider.Choice choice = GemmProvider.choose("scalar", null);
        assertThat(choice.shared).isInstanceOf(ScalarGemm.class);
        assertThat(choice.reason).contains("tensile.gemm=scalar");
        assertThat(choice.create(3)).isInstanceOf(ScalarGemm.class);
    }

    @Test
    void theProcessWideChoiceFollowsTheSystemProperty() {
        String forced = System.getProperty("tensile.gemm", "");
        Gemm gemm = GemmProvider.get();
        assertThat(gemm).isSameAs(GemmProvider.get());
        int bits = PanamaGemm.vectorBits();
        if (forced.equals("scalar") || (bits != 256 && bits != 512)) {
            assertThat(gemm.name()).isEqualTo("scalar");
        } else {
            assertThat(gemm.name()).startsWith("panama-" + bits + "bit-");
        }
        assertThat(GemmProvider.describe()).startsWith(gemm.name() + " tile=");
        assertThat(GemmProvider.withThreads(2).name()).isEqualTo(gemm.name());
    }
}
