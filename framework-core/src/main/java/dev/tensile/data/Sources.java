package dev.tensile.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.tribuo.DataSource;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Output;
import org.tribuo.OutputFactory;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.datasource.IDXDataSource;
import org.tribuo.datasource.LibSVMDataSource;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.classification.Label;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import dev.tensile.spi.Shape;

/**
 * Tribuo data sources, read eagerly and checked, so bad input is reported once, here, naming the file, line and
 * column: a missing file, an unknown response column, a cell that is not a number, NaN or infinite values, an IDX
 * pair whose counts or shapes disagree, a malformed LibSVM line.
 */
public final class Sources {
    private Sources() {
    }

    /** A CSV file with a header row; {@code response} names the output column, every other column is a feature. */
    public static <T extends Output<T>> Source<T> csv(Path file, String response, OutputFactory<T> factory) {
        return csv(file, response, factory, ',');
    }

    /** As above, for a file whose cells are separated by {@code separator} (';' or a tab, say) instead of commas. */
    public static <T extends Output<T>> Source<T> csv(Path file, String response, OutputFactory<T> factory,
                                                      char separator) {
        requireFile(file);
        List<String> header = CsvHeader.check(file, response, separator);
        CsvCheck.Result checked = CsvCheck.scan(file, separator, header, header.indexOf(response));
        DataSource<T> lazy;
        Path readable = file;
        try {
            if (checked.bom()) {
                // Tribuo would make the mark part of the first column's name; give it a copy without
                readable = Files.createTempFile("tensile-nobom", ".csv");
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    in.skipNBytes(3);
                    Files.copy(in, readable, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            lazy = new CSVLoader<>(separator, factory).loadDataSource(readable, response);
        } catch (IOException | RuntimeException e) {
            deleteCopy(file, readable);
            throw new DataException(file + ": " + firstLine(e), e);
        }
        List<Example<T>> rows = new ArrayList<>();
        Iterator<Example<T>> it = lazy.iterator();
        try {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (NumberFormatException e) {
            throw badCell(file, separator, header, rows.size() + 2, e);
        } catch (RuntimeException e) {
            throw new DataException(file + ":" + (rows.size() + 2) + ": " + firstLine(e), e);
        }
        deleteCopy(file, readable);
        for (int i = 0; i < rows.size(); i++) {
            checkFinite(rows.get(i), file + ":" + (i + 2) + ": column");
        }
        if (checked.controlCharacters()) {
            rows = escapeNames(rows);
        }
        if (factory instanceof RegressionFactory) {
            rows = nameDimension(rows, response);
        }
        return new Source<>(new ListDataSource<>(rows, factory, lazy.getProvenance()), file.toString(), header.size() - 1,
                response);
    }

    /**
     * An IDX pair (plain or gzip'd), as Fashion-MNIST ships: images of any shape, one label per image. Tribuo's
     * {@link IDXDataSource} gives raw values (0-255 for bytes) and leaves zero pixels out; pixel i is named "i",
     * so a {@link FeatureLayout#indexed} layout puts it in column i.
     */
    public static <T extends Output<T>> Source<T> idx(Path images, Path labels, OutputFactory<T> factory) {
        requireFile(images);
        requireFile(labels);
        IdxFile imageFile = IdxFile.read(images);
        IdxFile labelFile = IdxFile.read(labels);
        int[] imageDims = imageFile.dims();
        int[] labelDims = labelFile.dims();
        if (imageDims.length < 2) {
            throw new DataException(images + ": an IDX file of " + imageDims.length + " dimension(s) is not a set of images"
                    + " (were the images and labels swapped?)");
        }
        if (labelDims.length != 1) {
            throw new DataException(labels + ": labels must be an IDX file of 1 dimension, this one has " + labelDims.length
                    + " (were the images and labels swapped?)");
        }
        if (imageDims[0] != labelDims[0]) {
            throw new DataException(images + " has " + imageDims[0] + " images but " + labels + " has " + labelDims[0] + " labels");
        }
        int width = imageFile.width();
        IDXDataSource<T> source;
        try {
            source = new IDXDataSource<>(images, labels, factory);
        } catch (IOException | RuntimeException e) {
            throw new DataException(images + ": " + firstLine(e), e);
        }
        int row = 0;
        for (Example<T> ex : source) {
            row++;
            checkFinite(ex, images + ": image " + row + ", pixel");
        }
        // [rows, cols] images are one channel; [rows, cols, channels] keep theirs (channels last, as IDX stores them)
        Shape shape = imageDims.length == 3 ? Shape.of(imageDims[1], imageDims[2], 1)
                : imageDims.length == 4 ? Shape.of(imageDims[1], imageDims[2], imageDims[3]) : Shape.of(width);
        return new Source<>(source, images.toString(), width, shape);
    }

    /**
     * A LibSVM file: {@code label index:value ...} per line, 1-based indices unless some index is 0. Feature names
     * are the 0-based column numbers, as Tribuo's {@link LibSVMDataSource} gives them.
     */
    public static <T extends Output<T>> Source<T> libsvm(Path file, OutputFactory<T> factory) {
        requireFile(file);
        checkLibSvm(file);
        LibSVMDataSource<T> source;
        try {
            source = new LibSVMDataSource<>(file, factory);
        } catch (IOException | RuntimeException e) {
            throw new DataException(file + ": " + firstLine(e), e);
        }
        // The file's largest index says only what this file uses, not how wide the data is: width unknown.
        return new Source<>(source, file.toString(), 0);
    }

    /** Examples already in memory (built in code or a script), checked like a file. */
    public static <T extends Output<T>> Source<T> inMemory(Iterable<Example<T>> examples, OutputFactory<T> factory,
                                                          String description) {
        List<Example<T>> rows = new ArrayList<>();
        for (Example<T> ex : examples) {
            rows.add(ex);
            checkFinite(ex, description + ": example " + rows.size() + ", feature");
        }
        return new Source<>(new ListDataSource<>(rows, factory, new SimpleDataSourceProvenance(description, factory)),
                description, 0);
    }

    /**
     * The same examples with their labels read as numbers, as regression targets named after the response column
     * (or {@code target}): a script whose loss is a regression loss trains on a source read with labels.
     */
    public static Source<Regressor> asRegression(Source<Label> source) {
        String name = source.response() != null ? source.response() : "target";
        List<Example<Regressor>> rows = new ArrayList<>();
        for (Example<Label> ex : source.data()) {
            String v = ex.getOutput().getLabel().strip();
            double y;
            try {
                y = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                y = Double.NaN;
            }
            if (!Double.isFinite(y)) {
                // a CSV's example i is on line i + 1, after the header
                String where = source.response() != null ? ":" + (rows.size() + 2) : ": example " + (rows.size() + 1);
                throw new DataException(source.description() + where + ": a regression loss needs a number in '" + name
                        + "', got '" + v + "' (classify with loss: 'cross-entropy' instead?)");
            }
            String[] names = new String[ex.size()];
            double[] values = new double[ex.size()];
            int i = 0;
            for (Feature f : ex) {
                names[i] = f.getName();
                values[i++] = f.getValue();
            }
            rows.add(new ArrayExample<>(new Regressor(name, y), names, values));
        }
        RegressionFactory factory = new RegressionFactory();
        // the file's provenance (path, hash) stays: it is where the numbers came from
        return new Source<>(new ListDataSource<>(rows, factory, source.data().getProvenance()),
                source.description(), source.width(), source.shape(), source.response());
    }

    /**
     * Labels and column names holding control characters (which would retitle or clear a terminal when printed)
     * become their escaped text, {@code \u001b]0;...}, so that everything printed from them later is harmless.
     */
    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> List<Example<T>> escapeNames(List<Example<T>> rows) {
        List<Example<T>> out = new ArrayList<>(rows.size());
        for (Example<T> ex : rows) {
            String[] names = new String[ex.size()];
            double[] values = new double[ex.size()];
            int i = 0;
            for (Feature f : ex) {
                names[i] = dev.tensile.Printable.escape(f.getName());
                values[i++] = f.getValue();
            }
            T output = ex.getOutput() instanceof org.tribuo.classification.Label l
                    ? (T) new org.tribuo.classification.Label(dev.tensile.Printable.escape(l.getLabel())) : ex.getOutput();
            out.add(new ArrayExample<>(output, names, values));
        }
        return out;
    }

    /** Tribuo calls a CSV's single regression response "DIM-0"; name it after its column instead. */
    @SuppressWarnings("unchecked")
    private static <T extends Output<T>> List<Example<T>> nameDimension(List<Example<T>> rows, String response) {
        List<Example<T>> out = new ArrayList<>(rows.size());
        for (Example<T> ex : rows) {
            Regressor r = (Regressor) ex.getOutput();
            String[] names = new String[ex.size()];
            double[] values = new double[ex.size()];
            int i = 0;
            for (Feature f : ex) {
                names[i] = f.getName();
                values[i++] = f.getValue();
            }
            out.add((Example<T>) new ArrayExample<>(new Regressor(response, r.getValues()[0]), names, values));
        }
        return out;
    }

    private static void deleteCopy(Path file, Path copy) {
        if (!copy.equals(file)) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException ignored) {
                // a temporary file; the OS cleans its temporary folder
            }
        }
    }

    private static void requireFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("data file not found: " + file);
        }
    }

    private static void checkFinite(Example<?> ex, String where) {
        for (Feature f : ex) {
            if (!Double.isFinite(f.getValue())) {
                throw new DataException(where + " '" + dev.tensile.Printable.escape(f.getName()) + "' is " + f.getValue());
            }
            if (Math.abs(f.getValue()) > Float.MAX_VALUE) {
                throw new DataException(where + " '" + dev.tensile.Printable.escape(f.getName()) + "' is " + f.getValue()
                        + ", beyond the range of float32 (about 3.4e38) that training computes in");
            }
        }
    }

    private static List<String> cells(Path file, String line, char separator, int lineNo) {
        List<String> out = new ArrayList<>();
        CsvCheck.split(line, separator, out, new ArrayList<>(), file, lineNo);
        out.replaceAll(String::strip);
        return out;
    }

    /** Tribuo says only which string failed; find the cell on the failing line and name its column. */
    private static DataException badCell(Path file, char separator, List<String> header, int lineNo,
                                         NumberFormatException e) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line = null;
            for (int i = 0; i < lineNo; i++) {
                line = r.readLine();
            }
            if (line != null) {
                List<String> cells = cells(file, line, separator, lineNo);
                for (int c = 0; c < cells.size() && c < header.size(); c++) {
                    if (!isNumber(cells.get(c)) && e.getMessage() != null && e.getMessage().contains("\"" + cells.get(c) + "\"")
                            || cells.get(c).isEmpty() && e.getMessage() != null && e.getMessage().contains("empty")) {
                        return new DataException(file + ":" + lineNo + ": column '" + header.get(c) + "' is "
                                + (cells.get(c).isEmpty() ? "empty" : "'" + cells.get(c) + "'") + ", not a number", e);
                    }
                }
            }
        } catch (IOException ignored) {
            // fall through to the general message
        }
        return new DataException(file + ":" + lineNo + ": " + firstLine(e) + " is not a number", e);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void checkLibSvm(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                String[] tokens = t.split("\\s+");
                if (tokens.length == 1) {
                    throw new DataException(file + ":" + lineNo + ": the line has a label but no index:value features"
                            + " (Tribuo cannot read an example without any)");
                }
                java.util.Set<String> indices = new java.util.HashSet<>();
                int column = line.indexOf(tokens[0]) + tokens[0].length();
                for (int i = 1; i < tokens.length; i++) {
                    column = line.indexOf(tokens[i], column) + 1;
                    String tok = tokens[i];
                    int colon = tok.indexOf(':');
                    if (colon <= 0 || FeatureLayout.index(tok.substring(0, colon)) < 0 || !isNumber(tok.substring(colon + 1))) {
                        throw new DataException(file + ":" + lineNo + ":" + column + ": '" + dev.tensile.Printable.escape(tok)
                                + "' is not index:value");
                    }
                    if (!indices.add(tok.substring(0, colon))) {
                        throw new DataException(file + ":" + lineNo + ":" + column + ": feature index "
                                + tok.substring(0, colon) + " appears twice on the line");
                    }
                    double v = Double.parseDouble(tok.substring(colon + 1));
                    if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
                        throw new DataException(file + ":" + lineNo + ":" + column + ": feature " + tok.substring(0, colon)
                                + " is " + (Double.isFinite(v) ? tok.substring(colon + 1) + ", beyond the range of float32"
                                + " (about 3.4e38) that training computes in" : v));
                    }
                }
            }
        } catch (IOException e) {
            throw new DataException(file + ": " + firstLine(e), e);
        }
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
