package dev.tensile.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BracesTest {
    @Test
    void countsOnlyCodeNotStringsOrComments() {
        assertThat(Braces.open("model {")).isEqualTo(1);
        assertThat(Braces.open("model {\n input 2\n}")).isZero();
        assertThat(Braces.open("println '{'")).isZero();
        assertThat(Braces.open("x = 1 // {")).isZero();
        assertThat(Braces.open("f(1, [2,")).isEqualTo(2);
        // an unclosed one-line string does not swallow the braces of the lines after it
        assertThat(Braces.open("model {\n dense 8, init: 'he\n}")).isZero();
    }
}
