/**
 * Plugin discovery (ServiceLoader over the class path and over each jar of a plugin folder, each jar in its own
 * class loader), construction through Guice, the registry scripts look names up in, and parameter binding.
 */
package dev.tensile.plugin;
