package kr.bench.run;

/** Which checkpoint of a run to use. */
public enum Which {
  /** The checkpoint of the epoch with the best test top-1 ({@code checkpoints/best.krckpt}). */
  BEST,
  /** The newest step checkpoint. */
  LAST
}
