package dev.tensile.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.tensile.spi.EpochLog;

/**
 * The {@code timing.json} entry of a model file: the wall-clock facts of the run that made the model, which differ
 * every time a script runs (when training ended, how long each epoch took). They are kept apart from
 * {@code model.json} so that the same script saved twice gives a byte-identical {@code model.json}: everything that
 * decides the weights and their provenance is there, nothing that depends on the clock. A reader puts them back
 * where they were (the Tribuo provenance's training time, each epoch's {@code seconds}); a file without the entry,
 * or with one that does not parse, loads all the same, without them (its checksum is checked like any entry's).
 *
 * @param trainedAt    when training ended, ISO-8601 with offset (Tribuo's {@code trained-at})
 * @param epochSeconds wall-clock seconds of each epoch of the history, in order (null where not measured)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"trainedAt", "epochSeconds"})
record TimingJson(String trainedAt, List<Double> epochSeconds) {
    static final String ENTRY = "timing.json";
    static final int MAX_BYTES = 64 << 20;
    /** The history field that moves here: {@link EpochLog#seconds()}. */
    static final String SECONDS = "seconds";

    static TimingJson of(String trainedAt, List<EpochLog> history) {
        List<Double> seconds = new ArrayList<>();
        for (EpochLog e : history) {
            seconds.add(Double.isFinite(e.seconds()) ? e.seconds() : null);
        }
        return new TimingJson(trainedAt, seconds);
    }

    /**
     * Puts each epoch's seconds into the history records read from {@code model.json}, when this entry has one per
     * epoch (a record that has its own, from a file written before this entry existed, keeps it).
     */
    void applyTo(List<Map<String, Number>> history) {
        if (epochSeconds == null || history == null || epochSeconds.size() != history.size()) {
            return;
        }
        for (int i = 0; i < history.size(); i++) {
            if (epochSeconds.get(i) != null) {
                history.get(i).putIfAbsent(SECONDS, epochSeconds.get(i));
            }
        }
    }
}
