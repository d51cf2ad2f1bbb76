/** Generated in-memory datasets for benchmarks and tests that need no files. */
package kr.data.synthetic;
