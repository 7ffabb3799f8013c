package dev.tensile.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.onnx.proto.OnnxMl;

import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import dev.tensile.Version;
import dev.tensile.data.Scaling;
import dev.tensile.nn.Stage;
import dev.tensile.nn.Network;
import dev.tensile.spi.OnnxOps;

/**
 * Writes a trained network as an ONNX graph. The graph takes the raw features ({@value #INPUT}, float32
 * {@code [batch, inputs]}, columns in the model's feature order), applies the scaling fitted on the training data
 * with the same statistics, runs every stage's own nodes, and ends in the loss's prediction ({@value #OUTPUT}: softmax
 * probabilities for cross-entropy, sigmoid for binary cross-entropy, the raw values for mse). A stage whose plugin
 * writes no nodes stops the export with one message naming it.
 */
public final class OnnxExport {
    /** ONNX IR version 7: the one that goes with opset 13 (ONNX 1.8). */
    public static final int IR_VERSION = 7;
    public static final String INPUT = "features";
    public static final String OUTPUT = "outputs";

    private OnnxExport() {
    }

    /** What the ONNX model proto says besides the graph. */
    public record Description(String domain, long version, String doc, Map<String, String> metadata) {
    }

    /** The whole model: graph, opset, IR version, producer, and {@code description}'s metadata. */
    public static OnnxMl.ModelProto model(Network network, Scaling scaling, Description description) {
        ONNXContext ctx = new ONNXContext();
        ctx.setName("tensile");
        ONNXPlaceholder input = ctx.floatInput(INPUT, network.inputSize());
        ONNXPlaceholder output = ctx.floatOutput(OUTPUT, network.outputSize());
        graph(network, scaling, input).assignTo(output);
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.newBuilder()
                .setGraph(ctx.buildGraph())
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setVersion(OnnxOps.OPSET))
                .setProducerName("Tensile")
                .setProducerVersion(Version.get())
                .setDomain(description.domain())
                .setModelVersion(description.version())
                .setDocString(description.doc());
        description.metadata().forEach((k, v) -> b.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }

    /** The nodes from {@code input} (raw features) to the predictions, in {@code input}'s context. */
    public static ONNXNode graph(Network network, Scaling scaling, ONNXRef<?> input) {
        ONNXRef<?> x = scaled(scaling, input);
        List<Stage> stages = network.stages();
        for (int i = 0; i < stages.size(); i++) {
            ONNXRef<?> next = stages.get(i).worker().onnx(x);
            if (next == null) {
                throw new OnnxExportException("cannot export to ONNX: " + stages.get(i).label() + " (stage " + (i + 1)
                        + " of " + stages.size() + ") writes no ONNX nodes (plugins defined in a script cannot be exported;"
                        + " a plugin jar's layer or activation must implement onnx(), see docs/onnx.md)");
            }
            x = next;
        }
        ONNXRef<?> out = network.loss().onnxPredictions(x);
        // Tribuo's writeONNXGraph returns a node: an identity output (mse after an identity layer) gets one
        return out instanceof ONNXNode n ? n : out.apply(ONNXOperators.IDENTITY);
    }

    /**
     * The scaling as {@code (x - shift) / divisor}, clipped to [0, 1] for min-max, and zero for columns that were
     * constant in training: the computation Tribuo's transformers do in double, here in float32. The shift (a mean or
     * a minimum) is subtracted in two parts, its float32 value and the rest, because a column far from zero with a
     * small spread (y = -20 +- 0.01) would otherwise lose its digits: the float32 mean alone is off by up to 1e-6,
     * a hundredth of such a column's deviation, where the split keeps the scaled value within a float32 rounding.
     */
    private static ONNXRef<?> scaled(Scaling scaling, ONNXRef<?> input) {
        if (scaling.kind() == Scaling.Kind.NONE) {
            return input;
        }
        double[][] stats = scaling.statistics();
        boolean minMax = scaling.kind() == Scaling.Kind.MIN_MAX;
        float[] shift = new float[stats.length];
        float[] shiftRest = new float[stats.length];
        float[] divisor = new float[stats.length];
        float[] kept = new float[stats.length];
        boolean constantColumn = false;
        for (int c = 0; c < stats.length; c++) {
            double[] s = stats[c];
            if (s == null) {
                divisor[c] = 1;
                constantColumn = true;
                continue;
            }
            shift[c] = (float) s[0];
            shiftRest[c] = (float) (s[0] - shift[c]);
            divisor[c] = (float) (minMax ? s[1] - s[0] : s[1]);
            kept[c] = 1;
        }
        ONNXContext ctx = input.onnxContext();
        ONNXRef<?> x = input.apply(ONNXOperators.SUB, ctx.array("scaling_shift", shift))
                .apply(ONNXOperators.SUB, ctx.array("scaling_shift_rest", shiftRest))
                .apply(ONNXOperators.DIV, ctx.array("scaling_divisor", divisor));
        if (minMax) {
            List<ONNXRef<?>> bounds = new ArrayList<>(List.of(ctx.constant("zero", 0f), ctx.constant("one", 1f)));
            x = x.apply(OnnxOps.CLIP, bounds);
        }
        if (constantColumn) {
            x = x.apply(ONNXOperators.MUL, ctx.array("scaling_kept", kept));
        }
        return x;
    }
}
