package dev.tensile.plugin;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for names a user mistyped, by edit distance. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate, if it is close enough to be a plausible typo. */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        String t = typed.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .min(Comparator.comparingInt((String c) -> distance(t, c.toLowerCase(Locale.ROOT))).thenComparing(c -> c))
                .filter(c -> distance(t, c.toLowerCase(Locale.ROOT)) <= Math.max(2, t.length() / 3)
                        || c.toLowerCase(Locale.ROOT).startsWith(t) || t.startsWith(c.toLowerCase(Locale.ROOT)));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
