package dev.tensile.dsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Every picture the README shows is committed, is a real picture, and stays small. */
class ReadmePicturesTest {

    @Test
    void everyPictureOfTheReadmeExistsAndIsSmall() throws Exception {
        Path root = Path.of("..");
        Matcher m = Pattern.compile("!\\[[^\\]]*\\]\\(([^)]+\\.png)\\)").matcher(Files.readString(root.resolve("README.md")));
        List<Path> pictures = new ArrayList<>();
        while (m.find()) {
            pictures.add(root.resolve(m.group(1)));
        }
        assertThat(pictures).hasSizeGreaterThanOrEqualTo(3);
        for (Path p : pictures) {
            // at least 300 wide: the conv filters grid is a square of 392 pixels
            Examples.assertPicture(p, 300, 250);
            assertThat(Files.size(p)).as("size of %s", p).isLessThan(200_000L);
        }
    }
}
