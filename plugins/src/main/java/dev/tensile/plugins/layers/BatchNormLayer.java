package dev.tensile.plugins.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.nn.conv.BatchNorm;
import dev.tensile.spi.Layer;
import dev.tensile.spi.OnnxOps;
import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;

/**
 * Batch normalization of the last axis: per unit after a dense layer ([units]), per channel after a convolution
 * ([height, width, channels], each channel over the batch and every pixel). Training normalizes with the batch's mean
 * and variance and moves the running statistics toward them; inference (dev, test, prediction) uses the running
 * statistics. Keyword {@code batchNorm()}: {@code batchNorm momentum: 0.9}.
 *
 * <p>Parameters: {@code momentum}, the weight of the old running statistics in each update, in [0, 1) (default
 * 0.99, Keras's meaning; PyTorch's momentum m is 1 - m here); {@code epsilon}, added to the variance, in (0, 1]
 * (default 0.001). The running variance is the unbiased one (batch variance x n / (n - 1)), as PyTorch keeps it.
 *
 * <p>Slots: {@code gamma} [features] (ones) and {@code beta} [features] (zeros), trained, not regularized; then
 * {@code runningMean} [features] (zeros) and {@code runningVar} [features] (ones), state saved in model files and
 * checkpoints.
 *
 * <p>ONNX: the inference form, one {@code BatchNormalization} node with the running statistics and epsilon.
 */
public final class BatchNormLayer implements Layer {

    @Override
    public String name() {
        return "batch-norm";
    }

    @Override
    public String description() {
        return "normalizes each feature (channel) over the batch, then scales and shifts it";
    }

    @Override
    public List<Param> parameters() {
        return List.of(Param.real("momentum", 0.99, 0, 0.999999, "weight of the old running statistics"),
                Param.real("epsilon", 1e-3, 1e-12, 1, "added to the variance"));
    }

    @Override
    public String keyword() {
        return "batchNorm";
    }

    @Override
    public Plan plan(Params params, Shape input) {
        int features = input.last();
        float momentum = (float) params.real("momentum");
        float epsilon = (float) params.real("epsilon");
        return new Plan() {
            @Override
            public Shape output() {
                return input;
            }

            @Override
            public List<Slot> slots() {
                Shape s = Shape.of(features);
                return List.of(Slot.filled("gamma", s, 1f), Slot.bias("beta", s), Slot.state("runningMean", s, 0f),
                        Slot.state("runningVar", s, 1f));
            }

            @Override
            public long bufferValues(int batch) {
                return 3L * batch * input.size();
            }

            @Override
            public String describe() {
                return "batch-norm";
            }

            @Override
            public Worker build(Context c) {
                BatchNorm worker = new BatchNorm(input.size(), features, momentum, epsilon, c.value("gamma"),
                        c.gradient("gamma"), c.value("beta"), c.gradient("beta"), c.value("runningMean"),
                        c.value("runningVar"), c.inputGradient());
                List<Matrix> slots = List.of(c.value("gamma"), c.value("beta"), c.value("runningMean"),
                        c.value("runningVar"));
                return new ImageOnnx.Exported(worker, in -> onnx(in, input.size(), features, epsilon, slots));
            }
        };
    }

    /**
     * Inference form: one BatchNormalization node with the running statistics. Its channel axis is 1, so the
     * rows (channels last) are first seen as {@code [batch x pixels, features]}, which needs no transpose.
     */
    private static ONNXRef<?> onnx(ONNXRef<?> input, int size, int features, float epsilon, List<Matrix> slots) {
        ONNXContext ctx = input.onnxContext();
        ONNXRef<?> x = size == features ? input
                : input.apply(OnnxOps.RESHAPE, ctx.array("features_shape", new long[] {-1, features}));
        List<ONNXRef<?>> inputs = new ArrayList<>();
        inputs.add(x);
        String[] names = {"bn_gamma", "bn_beta", "bn_mean", "bn_var"};
        for (int i = 0; i < names.length; i++) {
            inputs.add(ImageOnnx.tensor(ctx, names[i], List.of(features), slots.get(i)));
        }
        ONNXRef<?> y = ctx.operation(OnnxOps.BATCH_NORMALIZATION, inputs, "batch_norm", Map.of("epsilon", epsilon));
        return size == features ? y : y.apply(OnnxOps.RESHAPE, ctx.array("rows_shape", new long[] {-1, size}));
    }
}
