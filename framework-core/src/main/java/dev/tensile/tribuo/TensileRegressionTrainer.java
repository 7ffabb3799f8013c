package dev.tensile.tribuo;

import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import dev.tensile.data.DataException;
import dev.tensile.data.Scaling;
import dev.tensile.data.TribuoData;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Matrix;
import dev.tensile.train.TrainPlan;

/**
 * A Tribuo {@code Trainer<Regressor>} for Tensile networks: {@code train(dataset)} returns a
 * {@link TensileRegressionModel}, which Tribuo's {@code RegressionEvaluator} scores (RMSE, MAE, R²). The output
 * layer needs one unit per regression dimension, a regression loss ({@code loss: 'mse'}) and usually the
 * {@code identity} activation.
 */
public final class TensileRegressionTrainer extends NetworkTrainer<Regressor, TensileRegressionModel> {

    public TensileRegressionTrainer(ModelSpec spec, TrainPlan plan, PluginRegistry registry, NetworkBuilder builder,
                                    Scaling.Kind scaling) {
        super(spec, plan, registry, builder, scaling);
    }

    @Override
    void checkOutputs(ImmutableOutputInfo<Regressor> dims) {
        if (dims.size() != outputWidth()) {
            throw new DataException("the output layer has " + outputWidth() + " units but the training data has "
                    + dims.size() + " regression outputs (" + String.join(", ", TribuoData.dimensionColumns(dims).keySet()) + ")");
        }
    }

    @Override
    void checkLoss(boolean classificationLoss) {
        if (classificationLoss) {
            throw new DataException("regression needs a regression loss (loss: 'mse'), the model's loss is '"
                    + spec().loss() + "'");
        }
    }

    @Override
    Matrix targets(Dataset<Regressor> data, ImmutableOutputInfo<Regressor> dims) {
        return TribuoData.regressionTargets(data, dims);
    }

    @Override
    Class<TensileRegressionModel> modelClass() {
        return TensileRegressionModel.class;
    }

    @Override
    TensileRegressionModel model(ModelProvenance provenance, ImmutableFeatureMap features,
                                 ImmutableOutputInfo<Regressor> dims, NetworkModel.Parts parts) {
        return new TensileRegressionModel("tensile-regression", provenance, features, dims, parts);
    }
}
