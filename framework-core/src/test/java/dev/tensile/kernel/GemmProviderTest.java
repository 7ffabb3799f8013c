package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GemmProviderTest {
    @Test
    void choosesPanamaWhenTheVectorModuleIsLoaded() {
        // Surefire starts the test JVM with --add-modules jdk.incubator.vector.
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
        GemmProvider.Choice choice = GemmProvider.choose("");
        if (PanamaGemm.vectorBits() >= 256) {
            assertThat(choice.shared).isInstanceOf(PanamaGemm.class);
            assertThat(choice.reason).contains("bits");
        } else {
            assertThat(choice.shared).isInstanceOf(ScalarGemm.class);
        }
    }

    @Test
    void thePropertyForcesTheScalarImplementation() {
        GemmProvider.Choice choice = GemmProvider.choose("scalar");
        assertThat(choice.shared).isInstanceOf(ScalarGemm.class);
        assertThat(choice.reason).contains("tensile.gemm=scalar");
        assertThat(choice.create(3)).isInstanceOf(ScalarGemm.class);
    }

    @Test
    void theProcessWideChoiceFollowsTheSystemProperty() {
        String forced = System.getProperty("tensile.gemm", "");
        Gemm gemm = GemmProvider.get();
        assertThat(gemm).isSameAs(GemmProvider.get());
        if (forced.equals("scalar")) {
            assertThat(gemm.name()).isEqualTo("scalar");
        } else {
            assertThat(gemm.name()).startsWith("panama");
        }
        assertThat(GemmProvider.withThreads(2).name()).isEqualTo(gemm.name());
    }
}
