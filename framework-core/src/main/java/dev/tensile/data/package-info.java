/**
 * The bridge from Tribuo data sources and datasets to the dense float32 matrices the engine trains on: sources read
 * and checked once ({@link dev.tensile.data.Sources}), features laid out in columns by name
 * ({@link dev.tensile.data.FeatureLayout}), and Tribuo's scaling transformations fitted on training data only
 * ({@link dev.tensile.data.Scaling}).
 */
package dev.tensile.data;
