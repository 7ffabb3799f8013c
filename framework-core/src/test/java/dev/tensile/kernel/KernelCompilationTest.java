package dev.tensile.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Every micro-kernel must compile with all of its Vector API calls as C2 intrinsics. If one does not, its vectors
 * go through the heap and the GEMM runs at about 3 GFLOPS instead of 150, for the whole life of the JVM. That
 * happened with kernels that also loaded and added C (5af618e, reverted in da9de28): in about one JVM in six
 * the store intrinsic found no constant species ("missing constant" with -XX:+PrintIntrinsics), after C2 had
 * compiled FloatVector.intoArray's calls with a fallback or run past its node budget (NodeCountInliningCutoff).
 * Compiling in the foreground without tiers, as the child JVM here does, made that happen every time (76 of the
 * 134 stores), while the kernels as they are compile every store as an intrinsic in every such run (JDK 17 and 25,
 * 256- and 512-bit vectors). The child prints what C2 compiled, and its inlining decisions for the kernels only: the
 * GEMM's micro-kernels and tile store, the narrow products' kernels, and the elementwise kernels with the pool tasks
 * that inline them (a task class shared by several kernels once left relu's backward kernel partly boxed).
 */
class KernelCompilationTest {
    private static final Pattern STORE_INTRINSIC =
            Pattern.compile("VectorSupport::store \\(\\d+ bytes\\)\\s+\\(intrinsic\\)");

    @Test
    void everyKernelCompilesWithItsVectorIntrinsics() throws Exception {
        assumeTrue(PanamaGemm.vectorBits() == 256 || PanamaGemm.vectorBits() == 512, "no vector kernel here");
        // the child's flags and what it prints are HotSpot's (C2)
        assumeTrue(System.getProperty("java.vm.name", "").contains("Server VM"), "not a HotSpot server VM");
        check(List.of());
        if (PanamaGemm.vectorBits() == 512) {
            // the 256-bit kernels (what AVX2 machines run) on this machine too
            check(List.of("-XX:UseAVX=2"));
        }
        // compiled earlier, on thinner profiles: before the kernels checked their species, the 12-row kernel lost
        // its 24 stores here
        check(List.of("-XX:CompileThresholdScaling=0.3"));
    }

    private static void check(List<String> extraFlags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(extraFlags);
        command.addAll(List.of("-Xbatch", "-XX:-TieredCompilation", "-XX:+PrintCompilation",
                "-XX:+UnlockDiagnosticVMOptions", "-XX:CompileCommand=quiet",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.*::kernel*",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.PanamaNarrowKernels::*",
                // the tile store, the elementwise kernels and the pool tasks that inline them
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.PanamaGemm::*",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.PanamaVectorOps::*",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.Elementwise::*",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.RowSplits*::*",
                "-XX:CompileCommand=PrintInlining,dev.tensile.kernel.BlockSums::*",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                KernelCompilationDriver.class.getName(), "4000"));
        Path out = Files.createTempFile("kernel-compilation", ".txt");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean ended = child.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            child.destroyForcibly();
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        String what = "child JVM " + extraFlags + ", output in " + out;
        assertThat(ended).as(what + ": ended").isTrue();
        assertThat(child.exitValue()).as(what + ": exit code").isZero();
        assertThat(printed).as(what).contains("driver done");
        // every GEMM kernel was compiled (packed, A row-major, A transposed: two stores per row of each tile)
        long stores = printed.lines().filter(STORE_INTRINSIC.asPredicate()).count();
        int expected = 0;
        for (int rows : KernelConfig.tileRows(vectorBits(extraFlags))) {
            expected += 3 * 2 * rows;
        }
        assertThat(stores).as(what + ": stores compiled as intrinsics").isGreaterThanOrEqualTo(expected);
        // the elementwise kernels were compiled too (PrintCompilation's lines name them)
        assertThat(printed).as(what + ": elementwise kernels compiled").contains("PanamaVectorOps::adamUpdate",
                "PanamaVectorOps::reluBackward", "PanamaVectorOps::sumOfSquares", "PanamaGemm::packB");
        assertThat(printed).as(what).doesNotContain("failed to inline (intrinsic)")
                .doesNotContain("NodeCountInliningCutoff");
        Files.delete(out); // kept when an assertion failed, for reading
    }

    private static int vectorBits(List<String> flags) {
        return flags.contains("-XX:UseAVX=2") ? 256 : PanamaGemm.vectorBits();
    }
}
