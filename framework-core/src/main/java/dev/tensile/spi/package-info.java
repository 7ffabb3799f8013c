/**
 * The plugin SPI: the six small interfaces a third-party jar implements (initializer, activation, regularizer,
 * augmentation, callback, layer), with typed parameters, and the {@link dev.tensile.spi.Shape} of what flows between
 * layers. Each plugin creates a bound worker from validated {@link dev.tensile.spi.Params}; the engine only ever talks
 * to those workers. This package is the floor of the core: it imports nothing of train, nn, io, data or the modules
 * above.
 */
package dev.tensile.spi;
