package dev.tensile.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.oracle.labs.mlrg.olcut.provenance.PrimitiveProvenance;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.provenance.ModelProvenance;

import dev.tensile.Version;
import dev.tensile.kernel.GemmProvider;
import dev.tensile.nn.ModelPlan;
import dev.tensile.nn.NetworkBuilder;
import dev.tensile.nn.Parameter;
import dev.tensile.nn.PluginUses;
import dev.tensile.plugin.PluginEntry;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.EpochLog;
import dev.tensile.tribuo.NetworkModel;

/** Writes a {@link NetworkModel} (classifier or regressor) as a model file. Entries are stored uncompressed, with a fixed timestamp, so the
 * same model always gives the same bytes. */
final class ModelWriter {
    /** 1 January 2000: zip timestamps are local DOS times; a constant keeps files byte-for-byte reproducible. */
    private static final long ENTRY_TIME = 946_684_800_000L;

    private ModelWriter() {
    }

    /** One entry of the archive: its name and a way to write its bytes, which may be called twice. */
    record Entry(String name, AtomicFiles.Body content) {
    }

    /** What a checkpoint adds to a model file: the {@code checkpoint} object and its entries, in order. */
    record Extras(Object checkpoint, List<Entry> entries) {
    }

    /** Size, CRC-32 (the zip's own check) and SHA-256 (ours) of an entry, from a first pass over its bytes. */
    private record Sums(long size, long crc, String sha256) {
    }

    static void save(NetworkModel<?> model, Path file, PluginRegistry registry, UnaryOperator<OutputStream> seam) {
        save(model, file, registry, seam, null);
    }

    /** A model file, or with {@code extras} a checkpoint. */
    static void save(NetworkModel<?> model, Path file, PluginRegistry registry, UnaryOperator<OutputStream> seam,
                     Extras extras) {
        ModelJson.ScalingJson scaling = ModelJson.of(model.scaling());
        ModelPlan plan = new NetworkBuilder(registry, GemmProvider.get()).plan(model.spec());
        List<ArraySlot> slots = ArraySlot.of(plan);
        List<Parameter> params = model.network().arrays();
        if (slots.size() != params.size()) {
            throw new IllegalStateException("the network has " + params.size() + " parameters, its description implies " + slots.size());
        }
        List<ModelJson.ArrayJson> arrays = new ArrayList<>();
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            ArraySlot s = slots.get(i);
            Parameter p = params.get(i);
            if (p.value().rows() != s.rows() || p.value().cols() != s.cols()) {
                throw new IllegalStateException(p.name() + " is " + p.value().shape() + ", its description implies "
                        + s.rows() + "x" + s.cols());
            }
            arrays.add(new ModelJson.ArrayJson(s.entry(), s.parameter(), List.of(s.rows(), s.cols()), "<f4"));
            entries.add(new Entry(s.entry(), out -> Npy.write(p.value(), out)));
        }
        ReportJson report = ReportJson.of(model.history() == null ? null : model.history().observations());
        if (report != null) {
            byte[] reportBytes;
            try {
                reportBytes = mapper().writeValueAsBytes(report);
            } catch (IOException e) {
                throw new ModelFileException(file, "cannot describe the run's report as JSON: " + e.getMessage(), e);
            }
            entries.add(new Entry(ReportJson.ENTRY, out -> out.write(reportBytes)));
        }
        if (extras != null) {
            entries.addAll(extras.entries());
        }
        ModelJson json = new ModelJson(ModelJson.FORMAT,
                report == null ? ModelJson.VERSION_LAYER_PLUGINS : ModelJson.VERSION_REPORT,
                extras == null ? "model" : "checkpoint", ModelJson.of(model.spec()), model.outputNames(),
                features(model.getFeatureIDMap()), scaling, arrays,
                history(model), provenance(model, plan, registry),
                extras == null ? null : mapper().valueToTree(extras.checkpoint()));
        byte[] manifest;
        try {
            manifest = mapper().writeValueAsBytes(json);
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot describe the model as JSON: " + e.getMessage(), e);
        }
        entries.add(0, new Entry(ModelFiles.MANIFEST, out -> out.write(manifest)));
        try {
            Map<String, Sums> sums = new LinkedHashMap<>();
            Map<String, String> hex = new LinkedHashMap<>();
            for (Entry e : entries) {
                Sums s = sums(e.content());
                sums.put(e.name(), s);
                hex.put(e.name(), s.sha256());
            }
            byte[] checksums = Sha256Sums.format(hex);
            entries.add(new Entry(Sha256Sums.ENTRY, out -> out.write(checksums)));
            sums.put(Sha256Sums.ENTRY, sums(entries.get(entries.size() - 1).content()));
            AtomicFiles.write(file, out -> writeZip(seam.apply(out), entries, sums));
        } catch (IOException e) {
            throw new ModelFileException(file, "cannot write the model file (" + e.getMessage()
                    + "); any previous file there is unchanged", e);
        }
    }

    private static Sums sums(AtomicFiles.Body content) throws IOException {
        CRC32 crc = new CRC32();
        MessageDigest sha = Sha256Sums.digest();
        long[] size = new long[1];
        content.writeTo(new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                crc.update(b, off, len);
                sha.update(b, off, len);
                size[0] += len;
            }
        });
        return new Sums(size[0], crc.getValue(), HexFormat.of().formatHex(sha.digest()));
    }

    /** Entries stored, not compressed: the zip stream itself checks each entry's size and CRC as it closes it. */
    private static void writeZip(OutputStream out, List<Entry> entries, Map<String, Sums> sums) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Entry e : entries) {
                Sums s = sums.get(e.name());
                ZipEntry z = new ZipEntry(e.name());
                z.setMethod(ZipEntry.STORED);
                z.setSize(s.size());
                z.setCompressedSize(s.size());
                z.setCrc(s.crc());
                z.setTime(ENTRY_TIME);
                zip.putNextEntry(z);
                e.content().writeTo(zip);
                zip.closeEntry();
            }
        }
    }

    static ObjectMapper mapper() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private static List<String> features(ImmutableFeatureMap map) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < map.size(); i++) {
            names.add(map.get(i).getName());
        }
        return names;
    }

    private static List<Map<String, Number>> history(NetworkModel<?> model) {
        List<Map<String, Number>> out = new ArrayList<>();
        if (model.history() != null) {
            for (EpochLog e : model.history().epochs()) {
                out.add(ModelJson.of(e));
            }
        }
        return out;
    }

    private static ModelJson.ProvenanceJson provenance(NetworkModel<?> model, ModelPlan plan, PluginRegistry registry) {
        ModelProvenance mp = model.getProvenance();
        Map<String, Provenance> config = mp.getTrainerProvenance().getConfiguredParameters();
        Map<String, ? extends Provenance> instance = mp.getInstanceProvenance().getMap();
        Object seed = value(config.getOrDefault("seed", instance.get("seed")));
        Object training = value(config.getOrDefault("training", instance.get("training")));
        List<ModelJson.PluginUse> plugins = new ArrayList<>();
        for (PluginUses.Use use : PluginUses.of(plan)) {
            PluginEntry e = registry.entry(use.kind(), use.name());
            plugins.add(new ModelJson.PluginUse(use.kind().label(), use.name(),
                    e == null ? null : e.version(), e == null ? null : e.source()));
        }
        return new ModelJson.ProvenanceJson(seed instanceof Number n ? n.longValue() : null, Version.get(),
                GemmProvider.get().name(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.name") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                mp.getTrainingTime() == null ? null : mp.getTrainingTime().toString(),
                training == null ? null : training.toString(), plugins);
    }

    private static Object value(Provenance p) {
        return p instanceof PrimitiveProvenance<?> pp ? pp.getValue() : null;
    }
}
