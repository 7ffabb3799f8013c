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
import dev.tensile.nn.ActivationLayer;
import dev.tensile.nn.Dense;
import dev.tensile.nn.Layer;
import dev.tensile.nn.Network;
import dev.tensile.nn.SoftmaxCrossEntropy;
import dev.tensile.spi.Activation;
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
        Conv2d conv1 = new Conv2d(gemm, ConvGeometry.of(h, w, c, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1), 3, true, "conv1");
        BatchNorm bn = new BatchNorm(h * w * 3, 3, 0.9f, 1e-3f, "bn");
        Pool2d max = new Pool2d(Pool2d.Mode.MAX, ConvGeometry.of(h, w, 3, 2, 2, 2, 2, 0, 0, 0, 0, 1, 1), "max-pool");
        ConvGeometry g2 = ConvGeometry.of(h / 2, w / 2, 3, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1);
        Conv2d conv2 = new Conv2d(gemm, g2, 4, false, "conv2");
        Pool2d avg = new Pool2d(Pool2d.Mode.AVG,
                ConvGeometry.of(g2.outH(), g2.outW(), 4, 2, 2, 1, 1, 0, 0, 0, 0, 1, 1), "avg-pool");
        Dense dense = new Dense(gemm, avg.outputSize(), f.get("classes").asInt(), "dense");
        List<Layer> layers = List.of(conv1, new ActivationLayer("relu", RELU, conv1.outputSize()), bn, max,
                conv2, new ActivationLayer("relu", RELU, conv2.outputSize()), avg, dense);
        Network net = new Network(layers, new SoftmaxCrossEntropy());
        load(f, "conv1.kernel", conv1.kernel().value());
        load(f, "conv1.bias", conv1.bias().value());
        load(f, "bn.gamma", bn.gamma().value());
        load(f, "bn.beta", bn.beta().value());
        load(f, "conv2.kernel", conv2.kernel().value());
        load(f, "dense.weights", dense.weights().value());
        load(f, "dense.bias", dense.bias().value());
        Matrix x = new Matrix(batch, h * w * c);
        load(f, "input", x);
        Matrix y = new Matrix(batch, dense.outputSize());
        JsonNode targets = f.get("targets");
        for (int i = 0; i < batch; i++) {
            y.set(i, targets.get(i).asInt(), 1f);
        }

        Matrix logits = net.forward(x, true);
        Matrix grad = new Matrix(batch, dense.outputSize());
        double loss = net.loss().lossAndGradient(logits, y, grad);
        Matrix gradInput = grad; // Network.backward's loop, keeping the first layer's input gradient
        for (int i = layers.size() - 1; i >= 0; i--) {
            gradInput = layers.get(i).backward(gradInput);
        }

        assertThat(Math.abs(loss - f.get("loss").asDouble())).as("loss %s vs %s", loss, f.get("loss"))
                .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(loss)));
        agree(f, "logits", logits);
        agree(f, "grad.conv1.kernel", conv1.kernel().grad());
        agree(f, "grad.conv1.bias", conv1.bias().grad());
        agree(f, "grad.bn.gamma", bn.gamma().grad());
        agree(f, "grad.bn.beta", bn.beta().grad());
        agree(f, "grad.conv2.kernel", conv2.kernel().grad());
        agree(f, "grad.dense.weights", dense.weights().grad());
        agree(f, "grad.dense.bias", dense.bias().grad());
        agree(f, "grad.input", gradInput);
        agree(f, "bn.runningMean", bn.runningMean());
        agree(f, "bn.runningVar", bn.runningVar());
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

    private static final Activation.Function RELU = new Activation.Function() {
        @Override
        public void forward(Matrix z, Matrix a) {
            VectorOps.relu(z.data(), a.data(), z.size());
        }

        @Override
        public void backward(Matrix z, Matrix a, Matrix gradA, Matrix gradZ) {
            VectorOps.reluBackward(z.data(), gradA.data(), gradZ.data(), z.size());
        }
    };
}
