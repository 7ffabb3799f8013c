package dev.tensile.data;

import org.tribuo.DataSource;
import org.tribuo.Output;

/**
 * A loaded Tribuo data source, with what error messages and width checks need to know about it.
 *
 * @param data        the examples, already read and checked (every value finite)
 * @param description how messages name it, e.g. the file
 * @param width       the number of features the source declares (an IDX image's rows x columns, a CSV's columns
 *                    minus the response), or 0 when it does not say (LibSVM, data in memory)
 * @param response    the response column's name (a CSV's), or null when the source has none
 */
public record Source<T extends Output<T>>(DataSource<T> data, String description, int width, String response) {

    /** A source without a named response column. */
    public Source(DataSource<T> data, String description, int width) {
        this(data, description, width, null);
    }

    /** True when the examples are regression targets ({@code Regressor}), false for class labels. */
    public boolean regression() {
        return data.getOutputFactory() instanceof org.tribuo.regression.RegressionFactory;
    }
}
