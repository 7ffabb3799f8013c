package dev.tensile.plugins.callbacks;

import java.util.Map;

import dev.tensile.spi.Callback;

/**
 * A listener that watches one figure through a {@link Monitor}: its state in a checkpoint is the monitor's (the best
 * value, its epoch, epochs since), so early stopping, reduce-on-plateau and the best checkpoint resume where they were.
 */
abstract class MonitorListener implements Callback.Listener {
    final Monitor monitor;

    MonitorListener(Monitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public Map<String, Double> checkpointState() {
        return monitor.state();
    }

    @Override
    public void restoreState(Map<String, Double> state) {
        monitor.restore(state);
    }
}
