package dev.tensile.spi;

import java.util.List;

/**
 * What every plugin declares about itself: a kebab-case name, a one-line description and its typed parameters.
 * The six kinds ({@link Initializer}, {@link Activation}, {@link Regularizer}, {@link Augmentation},
 * {@link Callback}, {@link Layer}) extend this; a plugin is found through {@code META-INF/services/<kind interface>} and
 * built by Guice, so it may {@code @Inject} what the core binds. ServiceLoader requires a public no-argument
 * constructor, so a plugin receives its dependencies through {@code @Inject} fields or methods.
 */
public interface Plugin {

    /** Kebab-case and unique within its kind, e.g. {@code he-normal}. */
    String name();

    /** One line, shown by {@code tensile plugins}. */
    String description();

    /** Parameters a script may set; values are validated against these before {@code create} is called. */
    default List<Param> parameters() {
        return List.of();
    }
}
