package dev.tensile.spi;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;

import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

/**
 * ONNX operators (default domain, opset {@value #OPSET}) that Tribuo's {@code ONNXOperators} lacks, for plugins that
 * write their own nodes ({@link Activation.Function#onnx}, {@link Layer.Worker#onnx}). Tribuo's enum has the rest
 * (Add, Sub, Mul, Div, Gemm, Sigmoid, Softmax, Concat, ...); both build nodes through Tribuo's
 * {@code ONNXContext}/{@code ONNXRef}, and exported models import opset {@value #OPSET}, Tribuo's own.
 */
public enum OnnxOps implements ONNXOperator {
    RELU("Relu", 1, 0),
    TANH("Tanh", 1, 0),
    ERF("Erf", 1, 0),
    SOFTPLUS("Softplus", 1, 0),
    /** {@code alpha} (float, default 0.01): the slope for negative inputs. */
    LEAKY_RELU("LeakyRelu", 1, 0, attr("alpha", AttributeType.FLOAT)),
    /** {@code alpha} (float, default 1). */
    ELU("Elu", 1, 0, attr("alpha", AttributeType.FLOAT)),
    /** {@code A · B} with numpy broadcasting. */
    MATMUL("MatMul", 2, 0),
    /** Inputs: x, optional min and max (scalars). */
    CLIP("Clip", 1, 2),
    MAX("Max", 2, 0),
    /** {@code axis} (int, default 1): everything from it on becomes one dimension. */
    FLATTEN("Flatten", 1, 0, attr("axis", AttributeType.INT)),
    /** Inputs: data and the new shape (int64 tensor). */
    RESHAPE("Reshape", 2, 0),
    /** {@code perm} (ints). */
    TRANSPOSE("Transpose", 1, 0, attr("perm", AttributeType.INTS)),
    /** Inputs: x (NCHW), weights (M, C/group, kH, kW), optional bias. */
    CONV("Conv", 2, 1, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("dilations", AttributeType.INTS), attr("group", AttributeType.INT),
            attr("auto_pad", AttributeType.STRING)),
    MAX_POOL("MaxPool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("auto_pad", AttributeType.STRING)),
    AVERAGE_POOL("AveragePool", 1, 0, attr("kernel_shape", AttributeType.INTS), attr("strides", AttributeType.INTS),
            attr("pads", AttributeType.INTS), attr("auto_pad", AttributeType.STRING),
            attr("count_include_pad", AttributeType.INT)),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    /** Inputs: x, scale, bias, mean, variance; {@code epsilon} (float). Inference mode. */
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, attr("epsilon", AttributeType.FLOAT));

    /** The opset every exported model imports (Tribuo's). */
    public static final int OPSET = 13;

    private final String name;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;

    OnnxOps(String name, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.name = name;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        Map<String, ONNXAttribute> m = new LinkedHashMap<>();
        Arrays.stream(attributes).forEach(a -> m.put(a.getName(), a));
        this.attributes = Collections.unmodifiableMap(m);
    }

    private static ONNXAttribute attr(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    @Override
    public String getOpName() {
        return name;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return Set.of();
    }

    @Override
    public int getOpVersion() {
        return OPSET;
    }

    /** The default ONNX domain (null, as Tribuo's operators have it). */
    @Override
    public String getOpDomain() {
        return null;
    }
}
