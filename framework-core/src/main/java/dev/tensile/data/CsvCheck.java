package dev.tensile.data;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.tensile.Printable;

/**
 * Reads a CSV file once before Tribuo does, so that every mistake in it is reported with the file, line and column
 * (Tribuo's own messages say "On row 11 headers has 3 elements", "For input string", "Input length = 1"): bytes that
 * are not UTF-8, rows with too few or too many cells, feature cells that are empty, not numbers, not finite, or
 * beyond float32's range (1e39 is finite as a double but infinite once converted, and would surface as a NaN loss
 * blamed on the learning rate). It also notices a byte-order mark and names or labels holding control characters.
 * Nothing is kept but a line buffer.
 */
final class CsvCheck {
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** What the scan found that loading must take care of. */
    record Result(boolean bom, boolean controlCharacters) {
    }

    private CsvCheck() {
    }

    static boolean startsWithBom(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(3);
            return b.length == 3 && b[0] == BOM[0] && b[1] == BOM[1] && b[2] == BOM[2];
        }
    }

    /**
     * The header row's cells split at {@code separator} (a byte-order mark removed), or null for an empty file; bytes
     * checked as for rows.
     */
    static List<String> header(Path file, char separator) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                line.write(b);
            }
            byte[] bytes = line.toByteArray();
            int from = bytes.length >= 3 && bytes[0] == BOM[0] && bytes[1] == BOM[1] && bytes[2] == BOM[2] ? 3 : 0;
            int len = bytes.length > from && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            String text = decode(utf8, java.util.Arrays.copyOfRange(bytes, from, len), len - from, file, 1);
            if (text.isBlank()) {
                return null;
            }
            List<String> cells = new ArrayList<>();
            split(text, separator, cells, new ArrayList<>(), file, 1);
            cells.replaceAll(String::strip);
            return cells;
        } catch (IOException e) {
            throw new DataException(file + ": " + Sources.firstLine(e), e);
        }
    }

    /**
     * @param header   the header's cells (BOM removed)
     * @param response the index of the response column
     */
    static Result scan(Path file, char separator, List<String> header, int response) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        boolean control = header.stream().anyMatch(h -> !Printable.clean(h));
        boolean bom;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            bom = startsWithBom(file);
            if (bom) {
                in.skipNBytes(3);
            }
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            int lineNo = 0;
            for (boolean more = true; more; ) {
                line.reset();
                int b;
                while ((b = in.read()) != -1 && b != '\n') {
                    line.write(b);
                }
                more = b != -1;
                lineNo++;
                byte[] bytes = line.toByteArray();
                int len = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                String text = decode(utf8, bytes, len, file, lineNo);
                if (lineNo == 1 || text.isBlank()) {
                    continue;
                }
                control |= checkRow(file, lineNo, text, separator, header, response);
            }
        } catch (IOException e) {
            throw new DataException(file + ": " + Sources.firstLine(e), e);
        }
        return new Result(bom, control);
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes, int len, Path file, int lineNo) {
        utf8.reset();
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, len);
        CharBuffer out = CharBuffer.allocate(len + 1);
        var result = utf8.decode(in, out, true);
        if (result.isError()) {
            int col = out.position() + 1;
            throw new DataException(file + ":" + lineNo + ":" + col + ": byte 0x"
                    + String.format("%02X", bytes[in.position()] & 0xff) + " is not UTF-8 text (a file saved as Latin-1"
                    + " or Windows-1252? save it as UTF-8)");
        }
        utf8.flush(out);
        out.flip();
        return out.toString();
    }

    /** Checks one data row; true when its label holds control characters. */
    private static boolean checkRow(Path file, int lineNo, String text, char separator, List<String> header,
                                    int response) {
        List<String> cells = new ArrayList<>(header.size());
        List<Integer> starts = new ArrayList<>(header.size());
        split(text, separator, cells, starts, file, lineNo);
        if (cells.size() != header.size()) {
            throw new DataException(file + ":" + lineNo + ": " + cells.size() + " cell" + (cells.size() == 1 ? "" : "s")
                    + ", but the header has " + header.size() + " columns (" + Printable.escape(String.join(", ", header))
                    + ")");
        }
        for (int c = 0; c < cells.size(); c++) {
            String cell = cells.get(c).strip();
            // the column is named, which says more than its character position
            String where = file + ":" + lineNo + ": column '" + Printable.escape(header.get(c)) + "'";
            if (c == response) {
                if (cell.isEmpty()) {
                    // Tribuo would make "" a class of its own (or, for numbers, fail without the file's name)
                    throw new DataException(file + ":" + lineNo + ": the response column '" + Printable.escape(header.get(c))
                            + "' is empty (every row needs its label or target)");
                }
                if (!Printable.clean(cell)) {
                    return true;
                }
                continue;
            }
            if (cell.isEmpty()) {
                throw new DataException(where + " is empty, not a number");
            }
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new DataException(where + " is '" + Printable.escape(cell) + "', not a number"
                        + (cell.matches("-?[0-9]+,[0-9]+") ? " (a decimal comma? write " + cell.replace(',', '.') + ")" : ""));
            }
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                throw new DataException(where + " is " + v);
            }
            if (Math.abs(v) > Float.MAX_VALUE) {
                throw new DataException(where + " is " + cell + ", beyond the range of float32 (about 3.4e38) that"
                        + " training computes in");
            }
        }
        return false;
    }

    /**
     * Splits a CSV line: {@code separator} (a comma unless the script says otherwise) separates cells, double quotes
     * enclose a cell, and a doubled quote is a quote.
     */
    static void split(String line, char separator, List<String> cells, List<Integer> starts, Path file, int lineNo) {
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int start = 1;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == separator) {
                cells.add(cell.toString());
                starts.add(start);
                cell.setLength(0);
                start = i + 2;
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new DataException(file + ":" + lineNo + ":" + start + ": a quoted cell is not closed on its line");
        }
        cells.add(cell.toString());
        starts.add(start);
    }
}
