/** The bridge from Tribuo data sources and datasets to the dense float32 matrices the engine trains on. */
package dev.tensile.data;
