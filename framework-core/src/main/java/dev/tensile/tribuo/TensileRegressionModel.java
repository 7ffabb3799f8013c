package dev.tensile.tribuo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.tensile.tensor.Matrix;

/** A trained regression network as a Tribuo {@code Model<Regressor>}: one output unit per regression dimension. */
public final class TensileRegressionModel extends NetworkModel<Regressor> {
    private static final long serialVersionUID = 1L;

    private final String[] names;

    TensileRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap features,
                           ImmutableOutputInfo<Regressor> dims, Parts parts) {
        super(name, provenance, features, dims, false, parts);
        this.names = new String[dims.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = dims.getOutput(i).getNames()[0];
        }
    }

    /** As {@link NetworkModel#restore}: {@code names} are the regression dimensions in output-unit order. */
    static TensileRegressionModel restored(ModelProvenance provenance, ImmutableFeatureMap features, List<String> names,
                                          Parts parts) {
        Map<Regressor, Integer> ids = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            ids.put(new Regressor(names.get(i), Double.NaN), i);
        }
        ImmutableOutputInfo<Regressor> dims = new RegressionFactory().constructInfoForExternalModel(ids);
        return new TensileRegressionModel("tensile-regression", provenance, parts.layout().featureMap(features), dims,
                parts);
    }

    @Override
    public List<String> outputNames() {
        return List.of(names);
    }

    @Override
    public boolean classifies() {
        return false;
    }

    @Override
    Prediction<Regressor> prediction(Example<Regressor> example, Matrix outputs, int row, int used) {
        double[] values = new double[names.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = outputs.get(row, j);
        }
        return new Prediction<>(new Regressor(names, values), used, example);
    }

    @Override
    TensileRegressionModel rebuild(String name, ModelProvenance provenance, Parts parts) {
        return new TensileRegressionModel(name, provenance, featureIDMap, outputIDInfo, parts);
    }
}
