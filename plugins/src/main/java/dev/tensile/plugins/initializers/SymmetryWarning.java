package dev.tensile.plugins.initializers;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The warning the constant initializers give, once per process and initializer: a layer whose weights all start
 * equal has units that compute the same function, and when the weights leaving those units are equal too (the next
 * layer also constant-initialized) every update keeps them equal, so the layer acts as a single unit.
 */
final class SymmetryWarning {
    static final Logger LOG = Logger.getLogger(SymmetryWarning.class.getName());
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private SymmetryWarning() {
    }

    static void warnOnce(String initializer) {
        if (WARNED.add(initializer)) {
            LOG.warning(() -> "initializer '" + initializer + "' gives every unit of the layer the same incoming"
                    + " weights: the units start identical and, unless the weights after them differ, receive"
                    + " identical updates and stay identical (symmetry is never broken); use he-normal or"
                    + " xavier-uniform for hidden layers");
        }
    }

    /** For tests: forget which initializers have warned. */
    static void reset() {
        WARNED.clear();
    }
}
