/**
 * The prefetching {@link kr.data.pipeline.BatchPipeline} producing {@link kr.data.pipeline.Batch}es
 * of TensorFlow tensors, with deterministic order ({@link kr.data.pipeline.EpochOrder}) and
 * randomness ({@link kr.data.pipeline.SplitMix64}) derived from (seed, epoch, index).
 */
package kr.data.pipeline;
