package dev.tensile.dsl;

import java.nio.file.Path;
import java.util.Map;

import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.classification.Label;

import dev.tensile.dsl.plot.ImageGrid;
import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.Stage;
import dev.tensile.spi.Shape;
import dev.tensile.tensor.Matrix;
import dev.tensile.tribuo.NetworkModel;

/**
 * {@code plot 'filters', layer: 1} draws the kernels of convolution layer 1, one small grey image per filter (taps
 * averaged over the input channels); {@code plot 'feature-maps', layer: 2, image: 0} runs training image 0 through
 * the model (scaled as in training, inference mode) and draws what layer 2 passes on, after its activation: one
 * small image per channel. Layers count as in {@code summary()}.
 */
final class ImagePlots {
    private ImagePlots() {
    }

    static Path plot(String kind, Map<String, Object> args, NetworkModel<?> model, Session session, Path target) {
        int layer = whole(args, "layer", kind);
        Network net = model.network();
        Stage stage = null;
        int last = -1;
        for (int i = 0; i < net.stages().size(); i++) {
            Stage s = net.stages().get(i);
            if (s.layer() && s.index() == layer) {
                stage = s;
                last = i;
            } else if (stage != null && !s.layer() && last == i - 1) {
                last = i; // the layer's activation stage: feature maps are what the layer passes on
            }
        }
        if (stage == null) {
            throw new DslException("plot '" + kind + "': the model has no layer " + layer + " (layers 1 to "
                    + net.stages().stream().mapToInt(Stage::index).max().orElse(0) + ")");
        }
        if (kind.equals("filters")) {
            Parameter kernel = stage.arrays().stream().filter(p -> p.name().endsWith(".kernel")).findFirst()
                    .orElseThrow(() -> new DslException("plot 'filters': " + stageLabel(net, layer)
                            + " is not a convolution (it has no kernel)"));
            Shape in = stage.input();
            int k = (int) Math.round(Math.sqrt(kernel.value().rows() / (double) in.last()));
            return ImageGrid.filters(kernel.value().data(), k, k, in.last(), kernel.value().cols(), target);
        }
        Shape out = net.stages().get(last).output();
        if (out.rank() != 3) {
            throw new DslException("plot 'feature-maps': " + stage.label() + " outputs " + out
                    + ", not an image [height, width, channels]");
        }
        Dataset<Label> data = session.trainingSet();
        int image = whole(args, "image", kind);
        if (data == null || image < 0 || image >= data.size()) {
            throw new DslException("plot 'feature-maps': image: must be from 0 to "
                    + (data == null ? "(no data)" : String.valueOf(data.size() - 1)) + ", got " + image);
        }
        Example<Label> example = data.getExample(image);
        Matrix x = new Matrix(1, model.layout().width());
        model.layout().fill(example, x.data(), 0, image);
        model.scaling().apply(x);
        net.forward(x, false);
        Matrix maps = net.layerOutput(last);
        return ImageGrid.featureMaps(maps.data(), 0, out.dim(0), out.dim(1), out.dim(2), target);
    }

    private static String stageLabel(Network net, int layer) {
        return net.stages().stream().filter(s -> s.layer() && s.index() == layer).map(Stage::label).findFirst()
                .orElse("layer " + layer);
    }

    private static int whole(Map<String, Object> args, String key, String kind) {
        Object v = args.get(key);
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new DslException("plot '" + kind + "' needs " + key + ": a whole number, got " + v);
        }
        return n.intValue();
    }
}
