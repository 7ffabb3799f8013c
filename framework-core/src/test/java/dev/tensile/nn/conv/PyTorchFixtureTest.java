package dev.tensile.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.tensile.kernel.ConvGeometry;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.kernel.VectorOps;
import dev.tensile.nn.SoftmaxCrossEntropy;
import dev.tensile.spi.Layer;
import dev.tensile.tensor.Matrix;

/**
 * Loss, logits, every parameter gradient, the input gradient and batch-norm's running statistics of a small conv
 * network agree with PyTorch's within 1e-4 (relative to each value, or absolute below 1). The fixture was written by
 * {@code benchmarks/peers/pytorch_conv_fixture.py} (PyTorch in float64); this test needs no PyTorch.
 */
class PyTorchFixtureTest {
    private static final double TOLERANCE = 1e-4;

    @Test
    void lossAndEveryGradientAgreeWithPyTorch() throws IOException {
        JsonNode f;
        try (InputStream in = getClass().getResourceAsStream("pytorch-fixture.json")) {
            f = new ObjectMapper().readTree(in);
        }
        int batch = f.get("batch").asInt();
        int h = f.get("height").asInt();
        int w = f.get("width").asInt();
        int c = f.get("channels").asInt();
        var gemm = GemmProvider.get();
        ConvGeometry g1 = ConvGeometry.of(h, w, c, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1);
        Matrix k1 = array(f, "conv1.kernel", g1.patchSize(), 3);
        Matrix b1 = array(f, "conv1.bias", 1, 3);
        Matrix dk1 = new Matrix(k1.rows(), k1.cols());
        Matrix db1 = new Matrix(1, 3);
        Matrix gamma = array(f, "bn.gamma", 1, 3);
        Matrix beta = array(f, "bn.beta", 1, 3);
        Matrix dgamma = new Matrix(1, 3);
        Matrix dbeta = new Matrix(1, 3);
        Matrix runMean = new Matrix(1, 3);
        Matrix runVar = new Matrix(1, 3);
        runVar.fill(1f);
        ConvGeometry g2 = ConvGeometry.of(h / 2, w / 2, 3, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1);
        Matrix k2 = array(f, "conv2.kernel", g2.patchSize(), 4);
        Matrix dk2 = new Matrix(k2.rows(), k2.cols());
        ConvGeometry pool2 = ConvGeometry.of(g2.outH(), g2.outW(), 4, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1);
        int flat = pool2.outPixels() * 4;
        int classes = f.get("classes").asInt();
        Matrix wd = array(f, "dense.weights", flat, classes);
        Matrix bd = array(f, "dense.bias", 1, classes);
        Matrix dwd = new Matrix(flat, classes);
        Matrix dbd = new Matrix(1, classes);
        List<Layer.Worker> layers = List.of(
                new Conv2d(gemm, g1, 3, k1, dk1, b1, db1, true), relu(),
                new BatchNorm(h * w * 3, 3, 0.9f, 1e-3f, gamma, dgamma, beta, dbeta, runMean, runVar, true),
                new Pool2d(Pool2d.Mode.MAX, ConvGeometry.of(h, w, 3, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1)),
                new Conv2d(gemm, g2, 4, k2, dk2, null, null, true), relu(),
                new Pool2d(Pool2d.Mode.AVG, pool2),
                new DenseWorker(gemm, wd, dwd, bd, dbd));
        Matrix x = array(f, "input", batch, h * w * c);
        Matrix y = new Matrix(batch, classes);
        JsonNode targets = f.get("targets");
        for (int i = 0; i < batch; i++) {
            y.set(i, targets.get(i).asInt(), 1f);
        }

        Matrix logits = x;
        for (Layer.Worker l : layers) {
            logits = l.forward(logits, true);
        }
        Matrix grad = new Matrix(batch, classes);
        double loss = new SoftmaxCrossEntropy().lossAndGradient(logits, y, grad);
        Matrix gradInput = grad;
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradInput = layers.get(i).backward(gradInput);
        }

        assertThat(Math.abs(loss - f.get("loss").asDouble())).as("loss %s vs %s", loss, f.get("loss"))
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(loss)));
        agree(f, "logits", logits);
        agree(f, "grad.conv1.kernel", dk1);
        agree(f, "grad.conv1.bias", db1);
        agree(f, "grad.bn.gamma", dgamma);
        agree(f, "grad.bn.beta", dbeta);
        agree(f, "grad.conv2.kernel", dk2);
        agree(f, "grad.dense.weights", dwd);
        agree(f, "grad.dense.bias", dbd);
        agree(f, "grad.input", gradInput);
        agree(f, "bn.runningMean", runMean);
        agree(f, "bn.runningVar", runVar);
    }

    private static Matrix array(JsonNode f, String key, int rows, int cols) {
        Matrix m = new Matrix(rows, cols);
        load(f, key, m);
        return m;
    }

    /** The dense layer's three products (the dense plugin lives in plugins/, above this module). */
    private record DenseWorker(dev.tensile.kernel.Gemm gemm, Matrix w, Matrix dw, Matrix b, Matrix db, Matrix[] io)
            implements Layer.Worker {
        DenseWorker(dev.tensile.kernel.Gemm gemm, Matrix w, Matrix dw, Matrix b, Matrix db) {
            this(gemm, w, dw, b, db, new Matrix[3]);
        }

        @Override
        public Matrix forward(Matrix in, boolean training) {
            int n = w.cols();
            int k = w.rows();
            Matrix out = new Matrix(in.rows(), n);
            gemm.gemm(false, false, in.rows(), n, k, 1f, in.data(), 0, k, w.data(), 0, n, 0f, out.data(), 0, n);
            VectorOps.addRowVector(out.data(), in.rows(), n, b.data());
            io[0] = in;
            return out;
        }

        @Override
        public Matrix backward(Matrix dy) {
            int n = w.cols();
            int k = w.rows();
            int batch = dy.rows();
            gemm.gemm(true, false, k, n, batch, 1f, io[0].data(), 0, k, dy.data(), 0, n, 1f, dw.data(), 0, n);
            for (int r = 0; r < batch; r++) {
                for (int j = 0; j < n; j++) {
                    db.data()[j] += dy.get(r, j);
                }
            }
            Matrix dx = new Matrix(batch, k);
            gemm.gemm(false, true, batch, k, n, 1f, dy.data(), 0, n, w.data(), 0, n, 0f, dx.data(), 0, k);
            return dx;
        }
    }
    private static void load(JsonNode f, String key, Matrix m) {
        JsonNode a = f.get(key);
        assertThat(a.size()).as(key).isEqualTo(m.size());
        for (int i = 0; i < m.size(); i++) {
            m.data()[i] = (float) a.get(i).asDouble();
        }
    }

    private static void agree(JsonNode f, String key, Matrix m) {
        JsonNode a = f.get(key);
        assertThat(a.size()).as(key).isEqualTo(m.size());
        for (int i = 0; i < m.size(); i++) {
            double expected = a.get(i).asDouble();
            double err = Math.abs(m.data()[i] - expected);
            if (err > TOLERANCE * Math.max(1, Math.abs(expected))) {
                throw new AssertionError(key + "[" + i + "] = " + m.data()[i] + ", PyTorch " + expected);
            }
        }
    }

    /** relu as a stage (the activation plugins live in plugins/, above this module). */
    private static Layer.Worker relu() {
        return new Layer.Worker() {
        @Override
        public Matrix forward(Matrix z, boolean training) {
            Matrix a = new Matrix(z.rows(), z.cols());
            VectorOps.relu(z.data(), a.data(), z.size());
            io = z;
            return a;
        }

        @Override
        public Matrix backward(Matrix gradA) {
            Matrix gz = new Matrix(gradA.rows(), gradA.cols());
            VectorOps.reluBackward(io.data(), gradA.data(), gz.data(), gz.size());
            return gz;
        }

        private Matrix io;
        };
    }
}
