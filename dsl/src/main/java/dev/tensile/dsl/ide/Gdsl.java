package dev.tensile.dsl.ide;

import java.util.List;

/**
 * An IntelliJ GDSL descriptor of the DSL: every word as a method (positional {@code params}, {@code namedParams}),
 * the top-level ones in any Groovy script and each block's inside a closure passed to that block's word
 * ({@code enclosingCall('model')}). IntelliJ reads a {@code .gdsl} file from a source folder of the project and
 * offers the words in completion, with their parameters and help.
 */
public final class Gdsl {
    private Gdsl() {
    }

    public static String of(List<Vocabulary.Scope> scopes, String version) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Tensile ").append(version).append(": completion and parameter help for Tensile scripts in IntelliJ IDEA.\n")
                .append("// Written by `tensile ide gdsl` from the DSL's keyword tables and the plugins it found; do not edit.\n")
                .append("// Put it in a source folder of the project that holds the scripts (README: Editing scripts in an IDE).\n\n")
                .append("def script = context(scope: scriptScope(), filetypes: ['groovy'])\n")
                .append("def block = context(scope: closureScope(), filetypes: ['groovy'])\n");
        for (Vocabulary.Scope s : scopes) {
            sb.append('\n');
            if (s.block().isEmpty()) {
                sb.append("contributor(script) {\n");
                words(sb, s.words(), "    ");
            } else {
                sb.append("contributor(block) {\n    if (enclosingCall(").append(quote(s.block())).append(")) {\n");
                words(sb, s.words(), "        ");
                sb.append("    }\n");
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void words(StringBuilder sb, List<Vocabulary.Word> words, String indent) {
        for (Vocabulary.Word w : words) {
            sb.append(indent).append("method name: ").append(quote(w.name())).append(", type: 'java.lang.Object'");
            sb.append(", params: [");
            for (int i = 0; i < w.positional().size(); i++) {
                Vocabulary.Arg a = w.positional().get(i);
                sb.append(i == 0 ? "" : ", ").append(quote(a.name())).append(": ").append(quote(a.type()));
            }
            sb.append(w.positional().isEmpty() ? ":]" : "]");
            if (!w.named().isEmpty()) {
                sb.append(", namedParams: [");
                for (int i = 0; i < w.named().size(); i++) {
                    Vocabulary.Arg a = w.named().get(i);
                    sb.append(i == 0 ? "\n" : ",\n").append(indent).append("        parameter(name: ").append(quote(a.name()))
                            .append(", type: ").append(quote(a.type())).append(", doc: ").append(quote(a.doc())).append(')');
                }
                sb.append(']');
            }
            sb.append(", doc: ").append(quote(w.doc() + positionalHelp(w))).append('\n');
        }
    }

    /** Help for the positional arguments (the names a quoted one takes), which GDSL has no field for. */
    private static String positionalHelp(Vocabulary.Word w) {
        StringBuilder sb = new StringBuilder();
        for (Vocabulary.Arg a : w.positional()) {
            if (!a.doc().isEmpty()) {
                sb.append("; ").append(a.name()).append(": ").append(a.doc());
            }
        }
        return sb.toString();
    }

    /** A single-quoted Groovy string. */
    static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}
