package dev.tensile.data;

import org.tribuo.ImmutableFeatureMap;
import org.tribuo.RealIDInfo;
import org.tribuo.VariableIDInfo;
import org.tribuo.VariableInfo;

/** A Tribuo feature map whose ids are a {@link FeatureLayout}'s columns, every column present. */
final class LayoutFeatureMap extends ImmutableFeatureMap {
    private static final long serialVersionUID = 1L;

    LayoutFeatureMap(FeatureLayout layout, ImmutableFeatureMap trained) {
        super();
        for (int c = 0; c < layout.width(); c++) {
            String name = layout.name(c);
            VariableInfo seen = trained.get(name);
            VariableIDInfo info = seen != null ? seen.makeIDInfo(c) : new RealIDInfo(name, 0, 0, 0, 0, 0, c);
            m.put(name, info);
            idMap.put(c, info);
        }
        size = layout.width();
    }
}
