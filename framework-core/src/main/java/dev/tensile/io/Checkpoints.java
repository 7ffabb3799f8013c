package dev.tensile.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.Network;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.nn.Stage;
import dev.tensile.optim.Optimizer;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainingState;
import dev.tensile.tribuo.NetworkModel;

/**
 * Checkpoints: a model file that also holds where its training stands ({@link TrainingState}: epoch, step, example
 * order, random streams, optimizer state, base learning rate) and every dropout layer's random stream, so that a run
 * resumed from it gives the weights of the uninterrupted run, bit for bit. Every checkpoint is a loadable model too
 * ({@link ModelFiles#load}); saving is atomic and reading checks everything, as for model files.
 */
public final class Checkpoints {

    /** A checkpoint read back: the model with its weights, the state to continue from, and the optimizer by name. */
    public record Checkpoint(NetworkModel<?> model, TrainingState state, PluginRef optimizer, RunRecord run) {
    }

    private Checkpoints() {
    }

    /**
     * Writes {@code model} with {@code state} to {@code file}, replacing it atomically. {@code optimizer} is the
     * optimizer's name and parameters (the {@code train { }} block's), from which a resume rebuilds it before putting
     * its state back; {@code state.optimizer()} must be that optimizer, trained on {@code model.network()}.
     */
    public static void save(Path file, NetworkModel<?> model, TrainingState state, PluginRef optimizer, PluginRegistry registry) {
        save(file, model, state, optimizer, registry, null);
    }

    /** As above, with what the checkpoint records of the run that writes it ({@code run} may be null). */
    public static void save(Path file, NetworkModel<?> model, TrainingState state, PluginRef optimizer,
                            PluginRegistry registry, RunRecord run) {
        Path folder = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(folder)) {
            throw new ModelFileException(file, "cannot write the checkpoint: the folder " + folder + " does not exist");
        }
        try {
            ModelWriter.save(model, file, registry, UnaryOperator.identity(), extras(model, state, optimizer, registry, run));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(file, "cannot save this checkpoint: " + e.getMessage(), e);
        }
    }

    /** Reads a checkpoint, building its network with {@code builder}; a plain model file is refused. */
    public static Checkpoint load(Path file, NetworkBuilder builder) {
        try {
            return ModelReader.loadCheckpoint(file, builder);
        } catch (ModelFileException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFileException(file, "unexpected problem reading the checkpoint: " + e, e);
        }
    }

    /** Names of each optimizer's per-parameter arrays, as the entries call them. */
    static List<String> slotNames(String optimizer, int count) {
        List<String> names = switch (optimizer) {
            case "adam", "adamw" -> List.of("m", "v");
            case "momentum", "nesterov" -> List.of("velocity");
            case "rmsprop" -> List.of("square-average");
            default -> List.of();
        };
        if (names.size() == count) {
            return names;
        }
        List<String> generic = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            generic.add("s" + i);
        }
        return generic;
    }

    /** The layers with a random stream of their own (dropout), in network order, by file name ({@code layer2}). */
    static Map<String, Rng> randomLayers(Network net) {
        Map<String, Rng> out = new LinkedHashMap<>();
        for (Stage s : net.stages()) {
            if (s.random() != null) {
                out.put("layer" + s.index(), s.random());
            }
        }
        return out;
    }

    static String slotEntry(ArraySlot slot, String slotName) {
        return "optimizer/" + slot.parameter() + "." + slotName + ".npy";
    }

    private static ModelWriter.Extras extras(NetworkModel<?> model, TrainingState state, PluginRef optimizerRef,
                                             PluginRegistry registry, RunRecord run) {
        Optimizer opt = state.optimizer();
        if (!opt.name().equals(optimizerRef.name())) {
            throw new IllegalArgumentException("the state's optimizer is " + opt.name() + ", not " + optimizerRef.name());
        }
        List<ArraySlot> slots = ArraySlot.trainable(ArraySlot.of(new NetworkBuilder(registry, GemmProvider.get())
                .plan(model.spec())));
        List<Parameter> params = model.network().parameters();
        List<String> slotNames = slotNames(opt.name(), opt.slotsPerParameter());
        List<ModelWriter.Entry> entries = new ArrayList<>();
        boolean stepped = opt.slotsPerParameter() > 0 && opt.slots(params.get(0)).length > 0;
        if (stepped) {
            for (int i = 0; i < slots.size(); i++) {
                float[][] s = opt.slots(params.get(i));
                Parameter p = params.get(i);
                for (int k = 0; k < slotNames.size(); k++) {
                    dev.tensile.tensor.Matrix view = new dev.tensile.tensor.Matrix(p.value().rows(), p.value().cols(), s[k]);
                    ArraySlot slot = slots.get(i);
                    entries.add(new ModelWriter.Entry(slotEntry(slot, slotNames.get(k)),
                            out -> Npy.write(view, slot.stored(), out)));
                }
            }
        }
        int[] order = state.order().clone();
        entries.add(new ModelWriter.Entry("order.npy", out -> Npy.writeInts(order, out)));
        Map<String, CheckpointJson.StreamJson> layers = new LinkedHashMap<>();
        randomLayers(model.network()).forEach((name, rng) -> layers.put(name, stream(rng.state())));
        CheckpointJson.RngJson rng = new CheckpointJson.RngJson(stream(state.shuffle()), stream(state.augment()), layers);
        byte[] rngBytes;
        try {
            rngBytes = ModelWriter.mapper().writeValueAsBytes(rng);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        entries.add(new ModelWriter.Entry("rng.json", out -> out.write(rngBytes)));
        Map<String, Object> optParams = new LinkedHashMap<>();
        optimizerRef.params().forEach((k, v) -> optParams.put(k, v instanceof Integer || v instanceof Long ? v
                : v instanceof Number n ? (Object) n.doubleValue() : v));
        CheckpointJson json = new CheckpointJson(state.epochsDone(), state.stepInEpoch(), state.step(), order.length,
                state.baseLearningRate(), new CheckpointJson.OptimizerJson(opt.name(), optParams, opt.steps(),
                stepped ? slotNames : List.of()), run);
        return new ModelWriter.Extras(json, entries);
    }

    private static CheckpointJson.StreamJson stream(Rng.State s) {
        return new CheckpointJson.StreamJson(s.seed(), s.position(), Double.isNaN(s.spareGaussian()) ? null : s.spareGaussian());
    }

    static Rng.State state(CheckpointJson.StreamJson s) {
        return new Rng.State(s.seed(), s.position(), s.spareGaussian() == null ? Double.NaN : s.spareGaussian());
    }
}
