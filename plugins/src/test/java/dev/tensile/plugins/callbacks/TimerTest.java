package dev.tensile.plugins.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

import dev.tensile.optim.Sgd;
import dev.tensile.plugin.PluginRegistry;
import dev.tensile.spi.Callback;
import dev.tensile.spi.TrainingContext;
import dev.tensile.train.TrainingConfig;
import dev.tensile.train.TrainingLoop;

class TimerTest {

    /** A clock that moves only when told to. */
    static final class ManualClock extends Clock {
        long millis;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void stopsOnceTheBudgetIsUsedAndReportsTheTime() {
        ManualClock clock = new ManualClock();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PluginRegistry registry = PluginRegistry.discover(List.of(), List.of(new AbstractModule() {
            @Provides
            Clock clock() {
                return clock;
            }

            @Provides
            PrintStream out() {
                return out;
            }
        }));
        // each batch "takes" one second; the timer checks after the tick
        Callback.Listener tick = new Callback.Listener() {
            @Override
            public void onBatchEnd(TrainingContext ctx, int step, double loss) {
                clock.millis += 1000;
            }
        };
        Fixture.Recorder rec = new Fixture.Recorder();
        List<Callback.Listener> cbs = List.of(tick, Fixture.callback(registry, "timer", Map.of("maxSeconds", 5.0)), rec);
        // 64 examples in batches of 8: 8 batches per epoch, so the budget runs out in the first epoch
        TrainingLoop.fit(Fixture.network(4, 1), Fixture.data(64, 2, false), null,
                new TrainingConfig(3, 8, 1, new Sgd(0.1), List.of(), List.of(), cbs));
        assertThat(rec.batches).isEqualTo(5);
        assertThat(rec.logs).hasSize(1);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("training took 5.00s (1 epochs");
    }

    @Test
    void withoutABudgetItOnlyReports() {
        Fixture.Recorder rec = new Fixture.Recorder();
        TrainingLoop.fit(Fixture.network(4, 1), Fixture.data(32, 2, false), null, new TrainingConfig(2, 8, 1,
                new Sgd(0.1), List.of(), List.of(), List.of(Fixture.callback("timer", Map.of()), rec)));
        assertThat(rec.logs).hasSize(2);
    }
}
