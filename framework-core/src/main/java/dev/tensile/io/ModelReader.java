package dev.tensile.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.LongProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;

import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.impl.EmptyDatasetProvenance;
import org.tribuo.provenance.impl.EmptyTrainerProvenance;

import dev.tensile.data.FeatureLayout;
import dev.tensile.data.Scaling;
import dev.tensile.nn.LayerSpec;
import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.ModelSpec;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginUses;
import dev.tensile.plugin.PluginException;
import dev.tensile.spi.PluginKind;
import dev.tensile.spi.EpochLog;
import dev.tensile.train.History;
import dev.tensile.train.Observations;
import dev.tensile.tribuo.NetworkModel;

/**
 * Reads a model file, trusting nothing in it: sizes are checked against the description and the file's length
 * before anything is allocated, every entry's SHA-256 is verified, and the only things created from names in the
 * file are the registered plugins those names look up.
 */
final class ModelReader {
    static final int MAX_ENTRIES = 100_000;
    static final int MAX_MANIFEST = 16 << 20;
    /** Highest ratio of a deflated entry's size to its compressed size that is believed (DEFLATE's limit is ~1032). */
    static final long MAX_DEFLATE_RATIO = 1100;

    private final Path file;
    private final ZipFile zip;
    private boolean wantCheckpoint;
    private Checkpoints.Checkpoint checkpoint;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private Map<String, String> sums;

    private ModelReader(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    static NetworkModel<?> load(Path file, NetworkBuilder builder) {
        return open(file, builder, false).read;
    }

    static Checkpoints.Checkpoint loadCheckpoint(Path file, NetworkBuilder builder) {
        return open(file, builder, true).checkpoint;
    }

    private NetworkModel<?> read;

    private static ModelReader open(Path file, NetworkBuilder builder, boolean wantCheckpoint) {
        if (Files.isDirectory(file)) {
            throw new ModelFileException(file, "is a folder, not a model file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFileException(file, wantCheckpoint ? "no such checkpoint" : "no such model file");
        }
        if (!Files.isReadable(file)) {
            throw new ModelFileException(file, "cannot read the model file (permission denied)");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ModelFileException(file, "not a model file: not a readable zip archive (truncated or damaged?)", e);
        }
        try (zip) {
            ModelReader r = new ModelReader(file, zip);
            r.wantCheckpoint = wantCheckpoint;
            r.read = r.read(builder, Files.size(file));
            return r;
        } catch (BadBytes e) {
            throw new ModelFileException(file, e.getMessage());
        } catch (IOException e) {
            throw new ModelFileException(file, "damaged zip archive ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        }
    }

    private NetworkModel<?> read(NetworkBuilder builder, long fileLength) throws IOException, BadBytes {
        listEntries(fileLength);
        sums = Sha256Sums.parse(readSmall(Sha256Sums.ENTRY, Sha256Sums.MAX_BYTES, false));
        for (String name : entries.keySet()) {
            if (!name.equals(Sha256Sums.ENTRY) && !sums.containsKey(name)) {
                throw new BadBytes("entry '" + name + "' has no checksum in " + Sha256Sums.ENTRY);
            }
        }
        for (String name : sums.keySet()) {
            if (!entries.containsKey(name)) {
                throw new BadBytes("entry '" + name + "' is missing (truncated file?)");
            }
        }
        ModelJson json = parse(readSmall(ModelFiles.MANIFEST, MAX_MANIFEST, true));
        json.validate();
        if (wantCheckpoint && !"checkpoint".equals(json.kind())) {
            throw new BadBytes("is a model file, not a checkpoint: it holds no training state to resume from"
                    + " (load it, or train from its description)");
        }
        ModelSpec spec;
        try {
            spec = json.toSpec();
        } catch (IllegalArgumentException e) {
            throw new BadBytes("model.json describes an impossible model: " + e.getMessage());
        }
        ModelPlan plan = plan(builder, spec, json);
        // one sigmoid unit with binary cross-entropy tells two classes apart, so it lists two names
        boolean oneUnitForTwo = plan.output().size() == 1 && "binary-cross-entropy".equals(spec.loss());
        if (json.labels().size() != (oneUnitForTwo ? 2 : plan.output().size())) {
            throw new BadBytes("model.json must list " + (oneUnitForTwo ? "2 label names (one sigmoid unit for two classes)"
                    : plan.output().size() + " label names (one per output unit)") + ", found " + json.labels().size());
        }
        List<ArraySlot> slots = ArraySlot.of(plan);
        checkArrays(json, slots, fileLength);
        Set<String> known = new HashSet<>(List.of(ModelFiles.MANIFEST, Sha256Sums.ENTRY, TimingJson.ENTRY));
        slots.forEach(sl -> known.add(sl.entry()));
        if (entries.containsKey(ReportJson.ENTRY)) {
            if (json.formatVersion() < ModelJson.VERSION_REPORT) {
                throw new BadBytes("has a " + ReportJson.ENTRY + " entry, which format version " + json.formatVersion()
                        + " does not have");
            }
            known.add(ReportJson.ENTRY);
        }
        for (String name : entries.keySet()) {
            if (!known.contains(name) && !isReserved(name)) {
                throw new BadBytes("unexpected entry '" + name + "' (written by a newer Tensile?)");
            }
        }
        for (String name : entries.keySet()) {
            if (isReserved(name)) {
                verifyOnly(name);
            }
        }
        TimingJson timing = timing();
        NetworkBuilder.Built built = build(builder, plan);
        List<Parameter> params = built.network().arrays();
        if (params.size() != slots.size()) {
            throw new BadBytes("the rebuilt network has " + params.size() + " weight arrays, the file " + slots.size());
        }
        for (int i = 0; i < slots.size(); i++) {
            readArray(slots.get(i), params.get(i));
        }
        Scaling scaling;
        try {
            scaling = json.toScaling(FeatureLayout.named(json.features()));
        } catch (IllegalArgumentException e) {
            throw new BadBytes("model.json scaling: " + e.getMessage());
        }
        Class<?> kind = built.network().loss().classification() ? dev.tensile.tribuo.TensileModel.class
                : dev.tensile.tribuo.TensileRegressionModel.class;
        History history = history(json, timing);
        if (entries.containsKey(ReportJson.ENTRY)) {
            history.observations().addAll(report());
        }
        NetworkModel<?> model = NetworkModel.restore(provenance(json, kind, timing), new ColumnFeatureMap(json.features()),
                // escaped as data files' labels are when read: a crafted label must not drive the terminal when printed
                json.labels().stream().map(dev.tensile.Printable::escape).toList(), spec, built, builder, history,
                scaling, uses(json, plan));
        if (wantCheckpoint) {
            checkpoint = new CheckpointReader(this, json, spec, slots, built.network(), fileLength).read(model);
        }
        return model;
    }

    // ---- for CheckpointReader ----

    Set<String> entryNames() {
        return entries.keySet();
    }

    ZipEntry zipEntry(String name) throws BadBytes {
        return entry(name);
    }

    InputStream stream(String name) throws IOException, BadBytes {
        return zip.getInputStream(entry(name));
    }

    byte[] small(String name, int max) throws IOException, BadBytes {
        return readSmall(name, max, true);
    }

    void verify(String name, String actualHex) throws BadBytes {
        check(name, actualHex);
    }

    private void listEntries(long fileLength) throws BadBytes {
        Enumeration<? extends ZipEntry> en = zip.entries();
        while (en.hasMoreElements()) {
            ZipEntry e;
            try {
                e = en.nextElement();
            } catch (IllegalArgumentException x) {
                // java.util.zip decodes names lazily and says so with an unchecked exception
                throw new BadBytes("damaged zip directory (an entry name is not valid UTF-8)");
            }
            if (entries.size() >= MAX_ENTRIES) {
                throw new BadBytes("more than " + MAX_ENTRIES + " entries");
            }
            long size = e.getSize();
            long csize = e.getCompressedSize();
            if (size < 0 || csize < 0 || csize > fileLength) {
                throw new BadBytes("entry '" + e.getName() + "' states an impossible size (damaged zip directory)");
            }
            if (e.getMethod() == ZipEntry.STORED ? size != csize : size > csize * MAX_DEFLATE_RATIO + 1024) {
                throw new BadBytes("entry '" + e.getName() + "' states sizes that do not agree (damaged zip directory)");
            }
            if (entries.putIfAbsent(e.getName(), e) != null) {
                throw new BadBytes("entry '" + e.getName() + "' appears twice");
            }
        }
        if (!entries.containsKey(ModelFiles.MANIFEST) && !entries.containsKey(Sha256Sums.ENTRY)) {
            throw new BadBytes("not a Tensile model file (a zip archive without model.json)");
        }
        if (!entries.containsKey(Sha256Sums.ENTRY)) {
            throw new BadBytes("entry '" + Sha256Sums.ENTRY + "' is missing (truncated file?)");
        }
    }

    static boolean isReserved(String name) {
        return name.startsWith("optimizer/") || name.equals("rng.json") || name.equals("order.npy");
    }

    /** Reads a whole small entry, refusing one larger than {@code max}, and verifies it when asked. */
    private byte[] readSmall(String name, int max, boolean verify) throws IOException, BadBytes {
        ZipEntry e = entry(name);
        if (e.getSize() > max) {
            throw new BadBytes("entry '" + name + "' is " + e.getSize() + " bytes, more than the " + max + " allowed");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readNBytes((int) e.getSize());
            if (bytes.length != e.getSize() || in.read() != -1) {
                throw new BadBytes("entry '" + name + "' does not have the size the zip directory states (truncated file?)");
            }
        }
        if (verify) {
            check(name, Sha256Sums.hex(bytes));
        }
        return bytes;
    }

    private ZipEntry entry(String name) throws BadBytes {
        ZipEntry e = entries.get(name);
        if (e == null) {
            throw new BadBytes("entry '" + name + "' is missing (truncated file?)");
        }
        return e;
    }

    private void check(String name, String actual) throws BadBytes {
        if (!actual.equals(sums.get(name))) {
            throw new BadBytes("entry '" + name + "' is damaged: its SHA-256 does not match " + Sha256Sums.ENTRY);
        }
    }

    /**
     * How many JSON tokens (names and values) model.json may hold. The 16 MiB size limit alone does not bound what
     * parsing builds: 15 MiB of tiny history records took 1.65 GB. Records cost up to ~200 bytes of heap per token,
     * so the budget is a fraction of the heap (about 1.3 million tokens at -Xmx256m; a real model with a thousand
     * epochs of history and a million feature names needs fewer).
     */
    static long maxTokens() {
        return Math.max(200_000, Runtime.getRuntime().maxMemory() / 200);
    }

    private ModelJson parse(byte[] bytes) throws BadBytes {
        try {
            return jsonReader().readValue(bytes, ModelJson.class);
        } catch (JsonProcessingException e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
                    throw new BadBytes("model.json holds more values than a model description can (over "
                            + maxTokens() + " names and numbers; a crafted or damaged file?)");
                }
            }
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new BadBytes("model.json is not a valid model description: " + msg.lines().findFirst().orElse(msg));
        } catch (IOException e) {
            throw new BadBytes("model.json cannot be read: " + e.getMessage());
        }
    }

    /** The {@code report.json} entry, parsed as strictly as model.json and checked field by field. */
    private Observations report() throws IOException, BadBytes {
        ReportJson report;
        try {
            report = jsonReader().readValue(readSmall(ReportJson.ENTRY, MAX_MANIFEST, true), ReportJson.class);
        } catch (JsonProcessingException e) {
            String msg = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
            throw new BadBytes(ReportJson.ENTRY + " is not a valid report: " + msg.lines().findFirst().orElse(msg));
        }
        if (report == null) {
            throw new BadBytes(ReportJson.ENTRY + " is empty");
        }
        return report.toObservations();
    }

    static ObjectMapper jsonReader() {
        JsonFactory f = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64).maxStringLength(1 << 20).maxNumberLength(64).maxTokenCount(maxTokens()).build())
                .build();
        return JsonMapper.builder(f)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    /** The arrays listed must be the ones the description implies, with sizes the file can actually hold. */
    private void checkArrays(ModelJson json, List<ArraySlot> slots, long fileLength) throws BadBytes {
        if (json.arrays().size() != slots.size()) {
            throw new BadBytes("model.json lists " + json.arrays().size() + " weight arrays; its model needs " + slots.size());
        }
        long total = 0;
        long stored = 0;
        for (int i = 0; i < slots.size(); i++) {
            ArraySlot s = slots.get(i);
            ModelJson.ArrayJson a = json.arrays().get(i);
            if (a.shape().size() > 2 && json.formatVersion() < ModelJson.VERSION_ARRAYS) {
                throw new BadBytes("array " + a.entry() + " has " + a.shape().size() + " dimensions, which format version "
                        + json.formatVersion() + " does not have");
            }
            if (!s.entry().equals(a.entry()) || !s.holds(new Npy.Shape(a.shape()))) {
                throw new BadBytes("array " + (i + 1) + " in model.json is " + a.entry() + " " + a.shape()
                        + "; the model needs " + s.entry() + " " + s.dims());
            }
            ZipEntry e = entry(s.entry());
            long overhead = e.getSize() - 4 * s.values();
            if (overhead < 10 || overhead > Npy.MAX_HEADER + 12) {
                throw new BadBytes("entry '" + s.entry() + "' is " + e.getSize() + " bytes, which cannot hold a "
                        + s.rows() + "x" + s.cols() + " float32 array");
            }
            total += 4 * s.values();
            stored += e.getCompressedSize();
        }
        long budget = Runtime.getRuntime().maxMemory() / 4;
        if (stored > fileLength || total > budget) {
            throw new BadBytes("the weights need " + (total >> 20) + " MiB, more than this file holds or this JVM can take ("
                    + (budget >> 20) + " MiB)");
        }
    }

    /**
     * Looks every plugin up and checks every shape, before anything is allocated. A layer plugin this installation
     * lacks is named in one line, with the jar the file says it came from.
     */
    private ModelPlan plan(NetworkBuilder builder, ModelSpec spec, ModelJson json) throws BadBytes {
        for (LayerSpec l : spec.all()) {
            String name = l.layer().name();
            if (builder.registry().entry(PluginKind.LAYER, name) == null) {
                throw new BadBytes("the model needs the layer plugin '" + name + "', which this installation does not have"
                        + origin(json, name) + ": put the jar that provides it in a plugin folder (--plugins DIR,"
                        + " TENSILE_PLUGINS or ~/.tensile/plugins)");
            }
        }
        try {
            return builder.plan(spec);
        } catch (PluginException e) {
            throw new BadBytes("the model needs a plugin this installation cannot provide: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadBytes("model.json describes a model that cannot be built: " + e.getMessage());
        }
    }

    /** Where the file's provenance says a layer plugin came from, or nothing when it does not say. */
    private static String origin(ModelJson json, String layer) {
        if (json.provenance() == null || json.provenance().plugins() == null) {
            return "";
        }
        for (ModelJson.PluginUse u : json.provenance().plugins()) {
            if (u != null && "layer".equals(u.kind()) && layer.equals(u.name()) && u.source() != null) {
                return " (the model was saved with it from " + u.source()
                        + (u.version() == null ? "" : ", version " + u.version()) + ")";
            }
        }
        return "";
    }

    private NetworkBuilder.Built build(NetworkBuilder builder, ModelPlan plan) throws BadBytes {
        try {
            return builder.build(plan, 0);
        } catch (PluginException e) {
            throw new BadBytes("the model needs a plugin this installation cannot provide: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new BadBytes("model.json describes a model that cannot be built: " + e.getMessage());
        }
    }

    private void readArray(ArraySlot slot, Parameter p) throws IOException, BadBytes {
        if (p.value().rows() != slot.rows() || p.value().cols() != slot.cols()) {
            throw new BadBytes(p.name() + " is " + p.value().shape() + " but entry '" + slot.entry() + "' is "
                    + slot.rows() + "x" + slot.cols());
        }
        MessageDigest md = Sha256Sums.digest();
        try (InputStream in = new DigestInputStream(zip.getInputStream(entry(slot.entry())), md)) {
            Npy.Shape shape;
            try {
                shape = Npy.readHeader(in);
            } catch (BadBytes e) {
                throw new BadBytes("entry '" + slot.entry() + "': " + e.getMessage());
            }
            if (!slot.holds(shape)) {
                throw new BadBytes("entry '" + slot.entry() + "' holds shape " + shape + "; the model needs "
                        + slot.stored());
            }
            try {
                Npy.readValues(in, p.value().data());
            } catch (BadBytes e) {
                throw new BadBytes("entry '" + slot.entry() + "': " + e.getMessage());
            }
            if (in.read() != -1) {
                throw new BadBytes("entry '" + slot.entry() + "' has bytes after its array data");
            }
        }
        check(slot.entry(), HexFormat.of().formatHex(md.digest()));
        refuseNonFinite(slot, p);
    }

    /** The system property that lets a model with NaN or infinite weights load (to inspect a diverged run). */
    static final String ALLOW_NON_FINITE = "tensile.allowNonFiniteWeights";

    /**
     * A NaN or infinite weight predicts NaN or chance for every input, silently; such a file (a diverged run's
     * checkpoint, or a crafted one with valid checksums) is refused unless the user asks with
     * {@code -Dtensile.allowNonFiniteWeights=true}.
     */
    private static void refuseNonFinite(ArraySlot slot, Parameter p) throws BadBytes {
        if (Boolean.getBoolean(ALLOW_NON_FINITE)) {
            return;
        }
        float[] v = p.value().data();
        int cols = p.value().cols();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new BadBytes("array '" + slot.entry() + "' (" + p.name() + ") holds " + v[i] + " at [" + (i / cols)
                        + ", " + (i % cols) + "]: the model diverged or the file was altered (to load it anyway, run"
                        + " with TENSILE_JAVA_OPTS=-D" + ALLOW_NON_FINITE + "=true)");
            }
        }
    }

    /** Checkpoint entries do not affect predictions; a model load verifies them without keeping them. */
    private void verifyOnly(String name) throws IOException, BadBytes {
        ZipEntry e = entry(name);
        MessageDigest md = Sha256Sums.digest();
        byte[] chunk = new byte[64 * 1024];
        long left = e.getSize();
        try (InputStream in = new DigestInputStream(zip.getInputStream(e), md)) {
            while (left > 0) {
                int got = in.readNBytes(chunk, 0, (int) Math.min(chunk.length, left));
                if (got == 0) {
                    throw new BadBytes("entry '" + name + "' is shorter than the zip directory states (truncated file?)");
                }
                left -= got;
            }
            if (in.read() != -1) {
                throw new BadBytes("entry '" + name + "' is longer than the zip directory states");
            }
        }
        check(name, HexFormat.of().formatHex(md.digest()));
    }

    /**
     * The plugins the file's provenance says the model and its training used (so saving the loaded model again lists
     * the same); those of its network alone when the file does not say. Kinds this version does not know are left out.
     */
    private static List<PluginUses.Use> uses(ModelJson json, ModelPlan plan) {
        if (json.provenance() == null || json.provenance().plugins() == null) {
            return PluginUses.of(plan);
        }
        List<PluginUses.Use> uses = new ArrayList<>();
        for (ModelJson.PluginUse u : json.provenance().plugins()) {
            for (PluginKind k : PluginKind.values()) {
                if (u != null && k.label().equals(u.kind()) && u.name() != null) {
                    uses.add(new PluginUses.Use(k, u.name()));
                }
            }
        }
        return uses;
    }

    /**
     * The file's {@link TimingJson} entry, or null when it has none (files written before it existed) or it cannot be
     * parsed: times are provenance only, not worth refusing a model for. Its checksum is verified like every entry's.
     */
    private TimingJson timing() throws IOException, BadBytes {
        if (!entries.containsKey(TimingJson.ENTRY)) {
            return null;
        }
        byte[] bytes = readSmall(TimingJson.ENTRY, TimingJson.MAX_BYTES, true);
        try {
            return jsonReader().readValue(bytes, TimingJson.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static History history(ModelJson json, TimingJson timing) {
        List<EpochLog> logs = new ArrayList<>();
        if (timing != null) {
            timing.applyTo(json.history());
        }
        if (json.history() != null) {
            for (Map<String, Number> e : json.history()) {
                logs.add(ModelJson.toLog(e));
            }
        }
        return History.of(logs);
    }

    /**
     * What the file says about where the model came from, as Tribuo provenance: seed and training description go
     * in the instance provenance (the trainer is unknown to Tribuo), with the file the model was loaded from.
     */
    private ModelProvenance provenance(ModelJson json, Class<?> kind, TimingJson timing) {
        Map<String, Provenance> config = new LinkedHashMap<>();
        ModelJson.ProvenanceJson p = json.provenance();
        if (p != null && p.seed() != null) {
            config.put("seed", new LongProvenance("seed", p.seed()));
        }
        if (p != null && p.training() != null) {
            config.put("training", new StringProvenance("training", p.training()));
        }
        if (p != null) {
            // where it was trained, for reports made from the file
            putText(config, "tensileVersion", p.tensileVersion());
            putText(config, "kernel", p.kernel());
            putText(config, "java", p.java());
            putText(config, "os", p.os());
            if (p.plugins() != null) {
                List<String> uses = new ArrayList<>();
                for (ModelJson.PluginUse u : p.plugins()) {
                    uses.add(u.kind() + " " + u.name() + (u.version() == null ? "" : " " + u.version())
                            + (u.source() == null ? "" : " (" + u.source() + ")"));
                }
                putText(config, "plugins", String.join(", ", uses));
            }
        }
        config.put("loadedFrom", new StringProvenance("loadedFrom", file.toAbsolutePath().toString()));
        OffsetDateTime trained = OffsetDateTime.now();
        // files written before timing.json existed keep the time in their provenance
        String at = timing != null && timing.trainedAt() != null ? timing.trainedAt() : p == null ? null : p.trainedAt();
        if (at != null) {
            try {
                trained = OffsetDateTime.parse(at);
            } catch (DateTimeParseException e) {
                // provenance only; a malformed time is not worth refusing the model for
            }
        }
        return new ModelProvenance(kind.getName(), trained, new EmptyDatasetProvenance(),
                new EmptyTrainerProvenance(), config);
    }

    private static void putText(Map<String, Provenance> config, String key, String value) {
        if (value != null) {
            config.put(key, new StringProvenance(key, value));
        }
    }
}
