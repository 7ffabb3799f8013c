package dev.tensile.dsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code tensile bench gemm} end to end: the kernel line, one line per case with its spread, and bad input. */
class BenchCommandTest {
    @Test
    void gemmNamesTheKernelAndPrintsMedianAndRangePerShape() {
        String[] out = run(0, "bench", "gemm", "--shapes", "64x10x32:TN,48x48x48", "--threads", "1");
        assertThat(out[0]).matches("bench gemm kernel: (panama-(256|512)bit-\\d+x\\d+|scalar) tile=\\d+x\\d+ kc=\\d+ mc=\\d+ nc=\\d+, "
                + "Java .*");
        assertThat(out[1]).matches("bench gemm shape=64x10x32 threads=1 layout=TN gflops=[0-9.]+ min=[0-9.]+ max=[0-9.]+ runs=\\d+");
        assertThat(out[2]).matches("bench gemm n=48 threads=1 layout=NN gflops=[0-9.]+ min=[0-9.]+ max=[0-9.]+ runs=\\d+");
        for (String line : new String[] {out[1], out[2]}) {
            double gflops = value(line, "gflops=");
            assertThat(value(line, "min=")).isLessThanOrEqualTo(gflops);
            assertThat(value(line, "max=")).isGreaterThanOrEqualTo(gflops);
        }
    }

    @Test
    void aBadShapeIsOneLineAndExitCode1() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            assertThat(TensileCli.execute("bench", "gemm", "--shapes", "64x10", "--threads", "1")).isEqualTo(1);
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString(StandardCharsets.UTF_8).strip())
                .isEqualTo("a shape is MxNxK or MxNxK:LAYOUT (e.g. 256x1024x784:NN), got 64x10");
    }

    private static double value(String line, String key) {
        int i = line.indexOf(key) + key.length();
        int j = line.indexOf(' ', i);
        return Double.parseDouble(line.substring(i, j < 0 ? line.length() : j));
    }

    private static String[] run(int expectedStatus, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream old = System.out;
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            assertThat(TensileCli.execute(args)).isEqualTo(expectedStatus);
        } finally {
            System.setOut(old);
        }
        return bytes.toString(StandardCharsets.UTF_8).split("\n");
    }
}
