/** MNIST and Fashion-MNIST from their IDX files (gzipped or raw). */
package kr.data.idx;
