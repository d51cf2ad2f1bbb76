/**
 * Datasets by name: the {@link kr.data.spi.DatasetProvider} SPI found by {@link
 * java.util.ServiceLoader}, bound by Guice in {@link kr.data.spi.DatasetsModule}, and looked up
 * through {@link kr.data.spi.Datasets}.
 */
package kr.data.spi;
