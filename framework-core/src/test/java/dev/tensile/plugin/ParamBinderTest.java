package dev.tensile.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tensile.spi.Param;
import dev.tensile.spi.Params;
import dev.tensile.spi.Plugin;

class ParamBinderTest {

    private static final Plugin LEAKY = new Plugin() {
        @Override
        public String name() {
            return "leaky-relu";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<Param> parameters() {
            return List.of(Param.real("alpha", 0.01, 0, 1, "slope"),
                    Param.integer("every", 1, 1, 100, "n"),
                    Param.choice("mode", "in", List.of("in", "out"), "fan"));
        }
    };

    @Test
    void fillsDefaultsAndConvertsTypes() {
        Params p = ParamBinder.bind(LEAKY, Map.of("alpha", 0.1, "every", 3L));
        assertThat(p.real("alpha")).isEqualTo(0.1);
        assertThat(p.integer("every")).isEqualTo(3);
        assertThat(p.text("mode")).isEqualTo("in");
    }

    @Test
    void unknownParameterSuggestsTheClosest() {
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("alfa", 0.1)))
                .hasMessage("leaky-relu has no parameter 'alfa'; did you mean 'alpha'? (parameters: alpha, every, mode)");
    }

    @Test
    void outOfRangeNamesPluginParameterAndRange() {
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("alpha", 2)))
                .hasMessage("leaky-relu parameter 'alpha' must be a number in [0, 1], got 2");
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("alpha", Double.NaN)))
                .hasMessageContaining("must be a number in [0, 1], got NaN");
    }

    @Test
    void wrongTypeSaysWhatWasGiven() {
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("alpha", "big")))
                .hasMessage("leaky-relu parameter 'alpha' must be a number in [0, 1], got 'big' (a string)");
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("every", 2.5)))
                .hasMessageContaining("must be an integer in [1, 100]");
        assertThatThrownBy(() -> ParamBinder.bind(LEAKY, Map.of("mode", "sideways")))
                .hasMessageContaining("must be one of in, out, got 'sideways'");
    }
}
