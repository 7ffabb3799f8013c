package dev.tensile.tribuo;

import java.io.InvalidObjectException;
import java.io.Serializable;
import java.util.List;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.PluginUses;
import dev.tensile.plugin.PluginException;
import dev.tensile.plugin.PluginFolders;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.EpochLog;
import dev.tensile.spi.PluginKind;
import dev.tensile.train.History;
import dev.tensile.train.Observations;

/**
 * What Java serialization writes for a {@link NetworkModel} (its {@code writeReplace}), and how it comes back
 * ({@link #readResolve}): the network as its description and the values of its arrays, and everything else the model
 * holds as Tribuo and Tensile objects (name, provenance, feature and output maps, layout, scaling, history with
 * what the run observed, the plugins it used). Reading it rebuilds the network with the plugins found by ServiceLoader on the class path and in
 * the default plugin folders ({@link PluginFolders}), so the model predicts bit for bit what the written one did (on
 * the same kernel). A plugin that is missing there stops the read with an {@link InvalidObjectException} naming it.
 *
 * <p>This is the form Tribuo and Spark pass models around in, within one version of Tensile; a model kept for later
 * belongs in a model file ({@code io.ModelFiles}), whose format is versioned and read by every later version. The
 * training state (for continuing a run) is not carried, as with a loaded model file.
 */
final class SerialForm implements Serializable {
    private static final long serialVersionUID = 1L;

    private final boolean classifier;
    private final String name;
    private final ModelProvenance provenance;
    private final ImmutableFeatureMap features;
    private final ImmutableOutputInfo<?> outputs;
    private final ModelSpec spec;
    private final float[][] arrays;
    private final EpochLog[] history;
    private final Observations observations;
    private final FeatureLayout layout;
    private final Scaling scaling;
    private final PluginUses.Use[] uses;

    SerialForm(NetworkModel<?> model) {
        NetworkModel.Parts parts = model.parts();
        this.classifier = model.classifies();
        this.name = model.getName();
        this.provenance = model.getProvenance();
        this.features = model.getFeatureIDMap();
        this.outputs = model.getOutputIDInfo();
        this.spec = parts.spec();
        List<Parameter> params = parts.built().network().arrays();
        this.arrays = new float[params.size()][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = params.get(i).value().data().clone();
        }
        this.history = parts.history() == null ? new EpochLog[0] : parts.history().epochs().toArray(EpochLog[]::new);
        this.observations = parts.history() == null ? new Observations() : parts.history().observations();
        this.layout = parts.layout();
        this.scaling = parts.scaling();
        this.uses = parts.uses().toArray(PluginUses.Use[]::new);
    }

    /** The registry deserialised models are rebuilt with: discovered once, when the first one is read. */
    private static final class Plugins {
        static final PluginRegistry REGISTRY = PluginRegistry.discover(PluginFolders.defaults(), List.of());
    }

    @SuppressWarnings("unchecked")
    private Object readResolve() throws InvalidObjectException {
        NetworkBuilder builder = new NetworkBuilder(Plugins.REGISTRY, GemmProvider.get());
        requirePlugins(builder.registry());
        NetworkBuilder.Built built;
        try {
            built = builder.build(spec, 0);
        } catch (PluginException | IllegalArgumentException e) {
            throw new InvalidObjectException("cannot rebuild the deserialised Tensile model: " + e.getMessage());
        }
        List<Parameter> params = built.network().arrays();
        if (params.size() != arrays.length) {
            throw new InvalidObjectException("the deserialised Tensile model has " + arrays.length
                    + " arrays, its description implies " + params.size());
        }
        for (int i = 0; i < arrays.length; i++) {
            float[] dst = params.get(i).value().data();
            if (dst.length != arrays[i].length) {
                throw new InvalidObjectException(params.get(i).name() + " holds " + dst.length
                        + " values, the deserialised array " + arrays[i].length);
            }
            System.arraycopy(arrays[i], 0, dst, 0, dst.length);
        }
        History all = History.of(List.of(history));
        all.observations().addAll(observations);
        NetworkModel.Parts parts = new NetworkModel.Parts(spec, built, builder, all, layout, scaling, List.of(uses));
        return classifier
                ? new TensileModel(name, provenance, features, (ImmutableOutputInfo<Label>) outputs, parts)
                : new TensileRegressionModel(name, provenance, features, (ImmutableOutputInfo<Regressor>) outputs, parts);
    }

    /** Every plugin the network needs to predict, each looked up before anything is built. */
    private void requirePlugins(PluginRegistry registry) throws InvalidObjectException {
        for (LayerSpec l : spec.all()) {
            require(registry, PluginKind.LAYER, l.layer());
            require(registry, PluginKind.ACTIVATION, l.activation());
            require(registry, PluginKind.INITIALIZER, l.init());
        }
    }

    private static void require(PluginRegistry registry, PluginKind kind, PluginRef ref) throws InvalidObjectException {
        if (ref != null && registry.entry(kind, ref.name()) == null) {
            throw new InvalidObjectException("the deserialised Tensile model needs the " + kind.label() + " plugin '"
                    + ref.name() + "', which this JVM does not have: put the jar that provides it on the class path or"
                    + " in a plugin folder (TENSILE_PLUGINS or ~/.tensile/plugins); a plugin defined in a script exists"
                    + " only in that script's session");
        }
    }
}
