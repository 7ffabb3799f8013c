package dev.tensile.tribuo;

import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.data.DataException;
import dev.tensile.data.Scaling;
import dev.tensile.data.TribuoData;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.TrainPlan;

/**
 * A Tribuo {@code Trainer<Label>} for Tensile networks: {@code train(dataset)} returns a {@link TensileModel}, so
 * plain Tribuo code (evaluators, {@code CrossValidation}) works with it. The output layer needs one unit per class
 * and a classification loss (cross-entropy), or, for two classes, one sigmoid unit with binary cross-entropy that
 * gives the probability of the second class (the one with id 1, listed second by evaluations).
 */
public final class TensileTrainer extends NetworkTrainer<Label, TensileModel> {

    public TensileTrainer(ModelSpec spec, TrainPlan plan, PluginRegistry registry, NetworkBuilder builder) {
        this(spec, plan, registry, builder, Scaling.Kind.NONE);
    }

    public TensileTrainer(ModelSpec spec, TrainPlan plan, PluginRegistry registry, NetworkBuilder builder,
                          Scaling.Kind scaling) {
        super(spec, plan, registry, builder, scaling);
    }

    @Override
    void checkOutputs(ImmutableOutputInfo<Label> labels) {
        if (labels.size() == 1) {
            // with one class the loss is 0 from the start: training "succeeds" and learns nothing
            throw new DataException("the training data has only one class (" + TribuoData.labelNames(labels)
                    + "): there is nothing to tell apart; check the response column, or the split");
        }
        if (oneUnitForTwo()) {
            if (labels.size() != 2) {
                throw new DataException("one sigmoid unit with binary cross-entropy tells two classes apart, but the"
                        + " training data has " + labels.size() + " classes (" + TribuoData.labelNames(labels)
                        + "): use output " + labels.size() + ", activation: 'softmax', loss: 'cross-entropy'");
            }
            return;
        }
        if (labels.size() != outputWidth()) {
            throw new DataException("the output layer has " + outputWidth() + " units but the training data has "
                    + labels.size() + " classes (" + TribuoData.labelNames(labels) + ")");
        }
    }

    @Override
    void checkLoss(boolean classificationLoss) {
        if (!classificationLoss) {
            throw new DataException("classifying labels needs a classification loss (loss: 'cross-entropy'), the model's"
                    + " loss is '" + spec().loss() + "'");
        }
    }

    @Override
    Matrix targets(Dataset<Label> data, ImmutableOutputInfo<Label> labels) {
        return oneUnitForTwo() ? TribuoData.binaryTargets(data, labels) : TribuoData.labelTargets(data, labels);
    }

    /** One output unit with binary cross-entropy: the probability of the second of two classes. */
    private boolean oneUnitForTwo() {
        return outputWidth() == 1 && "binary-cross-entropy".equals(spec().loss());
    }

    @Override
    Class<TensileModel> modelClass() {
        return TensileModel.class;
    }

    @Override
    TensileModel model(ModelProvenance provenance, ImmutableFeatureMap features, ImmutableOutputInfo<Label> labels,
                       NetworkModel.Parts parts) {
        return new TensileModel("tensile", provenance, features, labels, parts);
    }
}
