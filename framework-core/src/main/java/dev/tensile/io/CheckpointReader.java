package dev.tensile.io;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.Network;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginRef;
import dev.tensile.optim.Optimizer;
import dev.tensile.optim.Optimizers;
import dev.tensile.plugin.PluginException;
import dev.tensile.tensor.Rng;
import dev.tensile.train.TrainingState;
import dev.tensile.tribuo.NetworkModel;

/**
 * Reads the training state of a checkpoint, after {@link ModelReader} has read (and checked) it as a model: the
 * {@code checkpoint} object, the optimizer's arrays, {@code order.npy} and {@code rng.json}. As for weights, every
 * size is checked before anything is allocated and every entry against its checksum.
 */
final class CheckpointReader {
    private static final int MAX_RNG_JSON = 1 << 20;

    private final ModelReader reader;
    private final ModelJson json;
    private final ModelSpec spec;
    private final List<ArraySlot> slots;
    private final Network net;
    private final long fileLength;

    CheckpointReader(ModelReader reader, ModelJson json, ModelSpec spec, List<ArraySlot> slots, Network net, long fileLength) {
        this.reader = reader;
        this.json = json;
        this.spec = spec;
        this.slots = ArraySlot.trainable(slots);
        this.net = net;
        this.fileLength = fileLength;
    }

    Checkpoints.Checkpoint read(NetworkModel<?> model) throws IOException, BadBytes {
        if (json.checkpoint() == null || !json.checkpoint().isObject()) {
            throw new BadBytes("model.json of a checkpoint has no checkpoint object");
        }
        CheckpointJson cp;
        try {
            cp = ModelReader.jsonReader().treeToValue(json.checkpoint(), CheckpointJson.class);
        } catch (JsonProcessingException e) {
            throw new BadBytes("model.json checkpoint object is not valid: " + firstLine(e));
        }
        cp.validate();
        PluginRef ref = new PluginRef(cp.optimizer().name(), cp.optimizer().params() == null ? Map.of() : cp.optimizer().params());
        Optimizer opt;
        try {
            opt = Optimizers.create(ref);
        } catch (PluginException e) {
            throw new BadBytes("checkpoint.optimizer: " + e.getMessage());
        }
        List<String> slotNames = cp.optimizer().slots();
        if (!slotNames.isEmpty() && !slotNames.equals(Checkpoints.slotNames(opt.name(), opt.slotsPerParameter()))) {
            throw new BadBytes("checkpoint.optimizer.slots " + slotNames + " are not " + opt.name() + "'s "
                    + Checkpoints.slotNames(opt.name(), opt.slotsPerParameter()));
        }
        Set<String> expected = new HashSet<>(List.of("order.npy", "rng.json"));
        long values = (long) cp.trainSize();
        for (ArraySlot s : slots) {
            for (String n : slotNames) {
                String entry = Checkpoints.slotEntry(s, n);
                expected.add(entry);
                checkSize(entry, s.values());
                values += s.values();
            }
        }
        checkSize("order.npy", cp.trainSize());
        for (String name : reader.entryNames()) {
            if (ModelReader.isReserved(name) && !expected.contains(name)) {
                throw new BadBytes("unexpected checkpoint entry '" + name + "'");
            }
        }
        for (String name : expected) {
            reader.zipEntry(name); // each must exist
        }
        long budget = Runtime.getRuntime().maxMemory() / 4;
        if (4 * values > budget) {
            throw new BadBytes("the training state needs " + (4 * values >> 20) + " MiB, more than this JVM can take ("
                    + (budget >> 20) + " MiB)");
        }
        List<Parameter> params = net.parameters();
        Map<Parameter, float[][]> state = new IdentityHashMap<>();
        if (!slotNames.isEmpty()) {
            for (int i = 0; i < slots.size(); i++) {
                float[][] arrays = new float[slotNames.size()][];
                for (int k = 0; k < arrays.length; k++) {
                    arrays[k] = readFloats(Checkpoints.slotEntry(slots.get(i), slotNames.get(k)), slots.get(i));
                }
                state.put(params.get(i), arrays);
            }
        }
        opt.restore(cp.optimizer().steps(), state);
        int[] order = readOrder(cp.trainSize());
        CheckpointJson.RngJson rng = readRng();
        Map<String, Rng> layers = Checkpoints.randomLayers(net);
        if (!rng.layers().keySet().equals(layers.keySet())) {
            throw new BadBytes("rng.json lists streams for " + rng.layers().keySet()
                    + "; the model's layers with random streams (dropout) are " + layers.keySet());
        }
        layers.forEach((name, stream) -> stream.set(Checkpoints.state(rng.layers().get(name))));
        TrainingState ts = new TrainingState(cp.epochsDone(), cp.step(), order, Checkpoints.state(rng.shuffle()),
                Checkpoints.state(rng.augment()), opt, cp.baseLearningRate(), cp.stepInEpoch());
        return new Checkpoints.Checkpoint(model, ts, ref, cp.run());
    }

    private void checkSize(String entry, long values) throws BadBytes {
        ZipEntry e = reader.zipEntry(entry);
        long overhead = e.getSize() - 4 * values;
        if (overhead < 10 || overhead > Npy.MAX_HEADER + 12 || e.getCompressedSize() > fileLength) {
            throw new BadBytes("entry '" + entry + "' is " + e.getSize() + " bytes, which cannot hold its "
                    + values + " values");
        }
    }

    private float[] readFloats(String entry, ArraySlot slot) throws IOException, BadBytes {
        float[] out = new float[(int) slot.values()];
        MessageDigest md = Sha256Sums.digest();
        try (InputStream in = new DigestInputStream(reader.stream(entry), md)) {
            Npy.Shape shape = header(in, entry, Npy.F4);
            if (!slot.holds(shape)) {
                throw new BadBytes("entry '" + entry + "' holds shape " + shape + "; its parameter is " + slot.stored());
            }
            try {
                Npy.readValues(in, out);
            } catch (BadBytes e) {
                throw new BadBytes("entry '" + entry + "': " + e.getMessage());
            }
            end(in, entry);
        }
        reader.verify(entry, HexFormat.of().formatHex(md.digest()));
        return out;
    }

    private int[] readOrder(int n) throws IOException, BadBytes {
        int[] order = new int[n];
        MessageDigest md = Sha256Sums.digest();
        try (InputStream in = new DigestInputStream(reader.stream("order.npy"), md)) {
            Npy.Shape shape = header(in, "order.npy", Npy.I4);
            if (!(shape.is(List.of(1L, (long) n)) || shape.is(List.of((long) n)))) {
                throw new BadBytes("entry 'order.npy' holds shape " + shape + "; the checkpoint has " + n + " examples");
            }
            try {
                Npy.readInts(in, order);
            } catch (BadBytes e) {
                throw new BadBytes("entry 'order.npy': " + e.getMessage());
            }
            end(in, "order.npy");
        }
        reader.verify("order.npy", HexFormat.of().formatHex(md.digest()));
        boolean[] seen = new boolean[n];
        for (int i : order) {
            if (i < 0 || i >= n || seen[i]) {
                throw new BadBytes("entry 'order.npy' is not an order of the " + n + " examples");
            }
            seen[i] = true;
        }
        return order;
    }

    private CheckpointJson.RngJson readRng() throws IOException, BadBytes {
        byte[] bytes = reader.small("rng.json", MAX_RNG_JSON);
        CheckpointJson.RngJson rng;
        try {
            rng = ModelReader.jsonReader().readValue(bytes, CheckpointJson.RngJson.class);
        } catch (JsonProcessingException e) {
            throw new BadBytes("rng.json is not valid: " + firstLine(e));
        }
        CheckpointJson.validate(rng);
        return rng;
    }

    private static Npy.Shape header(InputStream in, String entry, String descr) throws IOException, BadBytes {
        try {
            return Npy.readHeader(in, descr);
        } catch (BadBytes e) {
            throw new BadBytes("entry '" + entry + "': " + e.getMessage());
        }
    }

    private static void end(InputStream in, String entry) throws IOException, BadBytes {
        if (in.read() != -1) {
            throw new BadBytes("entry '" + entry + "' has bytes after its array data");
        }
    }

    private static String firstLine(JsonProcessingException e) {
        String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return msg.lines().findFirst().orElse(msg);
    }
}
