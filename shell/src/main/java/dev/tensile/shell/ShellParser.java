package dev.tensile.shell;

import java.util.List;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Splits only the word under the cursor, for completion: a run of letters, digits, {@code - _ . / ~ :}. Groovy
 * quotes and commas end a word, so in {@code activation: 're} the word is {@code re}.
 */
final class ShellParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        int start = cursor;
        while (start > 0 && isWordChar(line.charAt(start - 1))) {
            start--;
        }
        int end = cursor;
        while (end < line.length() && isWordChar(line.charAt(end))) {
            end++;
        }
        String word = line.substring(start, end);
        int wordCursor = cursor - start;
        return new CompletingParsedLine() {
            @Override
            public CharSequence escape(CharSequence candidate, boolean complete) {
                return candidate;
            }

            @Override
            public int rawWordCursor() {
                return wordCursor;
            }

            @Override
            public int rawWordLength() {
                return word.length();
            }

            @Override
            public String word() {
                return word;
            }

            @Override
            public int wordCursor() {
                return wordCursor;
            }

            @Override
            public int wordIndex() {
                return 0;
            }

            @Override
            public List<String> words() {
                return List.of(word);
            }

            @Override
            public String line() {
                return line;
            }

            @Override
            public int cursor() {
                return cursor;
            }
        };
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '~' || c == ':';
    }
}
