/**
 * The plugin SPI: the five small interfaces a third-party jar implements (initializer, activation, regularizer,
 * augmentation, callback), with typed parameters. Each plugin creates a bound worker from validated
 * {@link dev.tensile.spi.Params}; the engine only ever talks to those workers.
 */
package dev.tensile.spi;
