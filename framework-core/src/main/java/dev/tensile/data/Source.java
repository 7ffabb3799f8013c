package dev.tensile.data;

import org.tribuo.DataSource;
import org.tribuo.Output;

import dev.tensile.spi.Shape;

/**
 * A loaded Tribuo data source, with what error messages and width checks need to know about it.
 *
 * @param data        the examples, already read and checked (every value finite)
 * @param description how messages name it, e.g. the file
 * @param width       the number of features the source declares (an IDX image's rows x columns, a CSV's columns
 *                    minus the response), or 0 when it does not say (LibSVM, data in memory)
 * @param shape       the shape of one example when the source knows it: an IDX file's images as [height, width,
 *                    channels] ([28, 28, 1] for Fashion-MNIST), a CSV given {@code shape: [28, 28, 1]}; a vector
 *                    [width] otherwise, null when the width is unknown. Its size is always {@code width}.
 * @param response    the response column's name (a CSV's), or null when the source has none
 */
public record Source<T extends Output<T>>(DataSource<T> data, String description, int width, Shape shape,
                                          String response) {
    public Source {
        if (shape != null && shape.size() != width) {
            throw new DataException(description + ": examples of shape " + shape + " have " + shape.size()
                    + " values, but the data has " + width + " features");
        }
    }

    /** A source whose examples are vectors of {@code width} features (0: unknown), without a named response. */
    public Source(DataSource<T> data, String description, int width) {
        this(data, description, width, (String) null);
    }

    /** A source of vectors of {@code width} features (0: unknown) whose response column is {@code response}. */
    public Source(DataSource<T> data, String description, int width, String response) {
        this(data, description, width, width > 0 ? Shape.of(width) : null, response);
    }

    /** A source whose examples have a known {@code shape}, without a named response. */
    public Source(DataSource<T> data, String description, int width, Shape shape) {
        this(data, description, width, shape, null);
    }

    /** The same data, its examples declared to be of {@code shape}. */
    public Source<T> withShape(Shape shape) {
        return new Source<>(data, description, width, shape, response);
    }

    /** True when the source knows its examples are images (rank 3). */
    public boolean isImage() {
        return shape != null && shape.rank() == 3;
    }

    /** True when the examples are regression targets ({@code Regressor}), false for class labels. */
    public boolean regression() {
        return data.getOutputFactory() instanceof org.tribuo.regression.RegressionFactory;
    }
}
