package dev.tensile.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void aShapeIsATupleOfSizes() {
        Shape image = Shape.of(28, 28, 1);
        assertThat(image.rank()).isEqualTo(3);
        assertThat(image.size()).isEqualTo(784);
        assertThat(image.last()).isEqualTo(1);
        assertThat(image.leading()).isEqualTo(784);
        assertThat(image.isVector()).isFalse();
        assertThat(image).hasToString("[28, 28, 1]");
        assertThat(image.compact()).isEqualTo("28x28x1");
        assertThat(image.toList()).containsExactly(28, 28, 1);
        assertThat(Shape.of(List.of(28, 28, 1))).isEqualTo(image).hasSameHashCodeAs(image);
        assertThat(Shape.of(784)).isNotEqualTo(image);
        assertThat(Shape.of(10).compact()).isEqualTo("10");
        assertThat(Shape.of(784, 256).leading()).isEqualTo(784);
    }

    @Test
    void itIsImmutable() {
        int[] dims = {3, 4};
        Shape s = Shape.of(dims);
        dims[0] = 99;
        s.dims()[1] = 99;
        assertThat(s).isEqualTo(Shape.of(3, 4));
    }

    @Test
    void emptyZeroOrHugeShapesAreRefusedWithTheShape() {
        assertThatThrownBy(Shape::of).hasMessage("a shape needs at least one size");
        assertThatThrownBy(() -> Shape.of(28, 0, 1)).hasMessage("every size of a shape must be at least 1, got [28, 0, 1]");
        assertThatThrownBy(() -> Shape.of(1 << 16, 1 << 16)).hasMessageContaining("[65536, 65536] has more than");
    }
}
