/** Built-in regularizers, found through META-INF/services exactly like a third-party jar's. */
package dev.tensile.plugins.regularizers;
