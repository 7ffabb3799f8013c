package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.tensile.plugin.PluginRegistry;

/** Every ```groovy snippet of the README runs, as if it sat in examples/. */
class ReadmeExamplesTest {

    @Test
    void everyGroovySnippetRuns() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher m = Pattern.compile("```groovy\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> snippets = new ArrayList<>();
        while (m.find()) {
            snippets.add(m.group(1));
        }
        assertThat(snippets).isNotEmpty();
        for (String snippet : snippets) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
            Session session = new Session(PluginRegistry.discover(), out, ScriptHarness.EXAMPLES.toAbsolutePath(), null,
                    Map.of("epochs", "8"));
            new ScriptRunner(session).run(snippet, "README.groovy");
            String printed = bytes.toString(StandardCharsets.UTF_8);
            if (snippet.contains("evaluate()") && snippet.contains("loss: 'mse'")) {
                // a regressor: R² (1 - MSE / variance of y) well above 0 even after the test's 8 epochs
                Matcher r2 = Pattern.compile("R\\^2 = \\{\\w+=([-0-9.E]+)").matcher(printed);
                assertThat(r2.find()).as(printed).isTrue();
                assertThat(Double.parseDouble(r2.group(1))).isGreaterThan(0.5);
            } else if (snippet.contains("evaluate()")) {
                assertThat(ScriptHarness.accuracy(printed)).isGreaterThan(0.5);
            }
        }
    }
}
