package dev.tensile.io;

import java.util.List;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.RealIDInfo;

/**
 * A Tribuo feature map whose ids are exactly the column order a model file lists. (Tribuo's own constructors
 * number features in sorted order, which matches what Tensile writes but not necessarily what another tool wrote.)
 * The feature statistics are not part of a model file and read as zero.
 */
final class ColumnFeatureMap extends ImmutableFeatureMap {
    private static final long serialVersionUID = 1L;

    ColumnFeatureMap(List<String> names) {
        super();
        for (int i = 0; i < names.size(); i++) {
            RealIDInfo info = new RealIDInfo(names.get(i), 0, 0, 0, 0, 0, i);
            m.put(info.getName(), info);
            idMap.put(i, info);
        }
        size = names.size();
    }
}
