package dev.tensile.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tensile.Printable;
import dev.tensile.plugin.Suggestions;

/**
 * A CSV file's header row, checked before any row is read: the file is not empty, no column name appears twice
 * (Tribuo would merge the columns into one feature), the response column is there and is not the only one. When it
 * is missing and the header splits into columns at another separator, the message says which {@code separator:}
 * to give.
 */
final class CsvHeader {
    /** What files are separated by: the hint names the first, other than the one given, that finds the response. */
    private static final char[] OTHER_SEPARATORS = {';', '\t', '|', ','};

    private CsvHeader() {
    }

    /** The header's column names, split at {@code separator}; a {@link DataException} says what is wrong. */
    static List<String> check(Path file, String response, char separator) {
        List<String> header = CsvCheck.header(file, separator);
        if (header == null) {
            throw new DataException(file + ": the file is empty (a CSV needs a header row)");
        }
        duplicates(file, header);
        if (header.size() == 1 && header.get(0).equals(response)) {
            throw new DataException(file + ": the only column is the response '" + Printable.escape(response)
                    + "'; a model needs at least one feature column");
        }
        if (!header.contains(response)) {
            for (char other : OTHER_SEPARATORS) {
                List<String> split = other == separator ? List.of() : CsvCheck.header(file, other);
                if (split.contains(response)) {
                    throw new DataException(file + ": no column '" + Printable.escape(response) + "' with "
                            + spelled(separator) + " between columns, but the header has " + spelled(other)
                            + " between names (" + Printable.escape(String.join(", ", split)) + "): give csv(...,"
                            + " separator: " + spelled(other) + ")");
                }
            }
            throw new DataException(file + ": no column '" + Printable.escape(response) + "'"
                    + Suggestions.closest(response, header).map(s -> "; did you mean '" + Printable.escape(s) + "'?").orElse("")
                    + " (columns: " + Printable.escape(String.join(", ", header)) + ")");
        }
        return header;
    }

    /** One error for every name that appears more than once, with the (1-based) columns it is in. */
    private static void duplicates(Path file, List<String> header) {
        Map<String, List<Integer>> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            columns.computeIfAbsent(header.get(i), k -> new ArrayList<>()).add(i + 1);
        }
        List<String> twice = new ArrayList<>();
        columns.forEach((name, at) -> {
            if (at.size() > 1) {
                twice.add("'" + Printable.escape(name) + "' (columns " + joined(at) + ")");
            }
        });
        if (!twice.isEmpty()) {
            throw new DataException(file + ": the header names " + (twice.size() == 1 ? "a column" : "columns")
                    + " more than once: " + String.join(", ", twice) + "; give each column a name of its own");
        }
    }

    private static String joined(List<Integer> at) {
        List<String> s = at.stream().map(String::valueOf).toList();
        return String.join(", ", s.subList(0, s.size() - 1)) + " and " + s.get(s.size() - 1);
    }

    /** How a script writes the separator: {@code ';'}, {@code '\t'}. */
    static String spelled(char separator) {
        return separator == '\t' ? "'\\t'" : "'" + separator + "'";
    }
}
