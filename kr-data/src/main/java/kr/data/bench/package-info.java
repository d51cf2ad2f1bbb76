/** The input-pipeline benchmark ({@link kr.data.bench.PipelineBenchmark}). */
package kr.data.bench;
