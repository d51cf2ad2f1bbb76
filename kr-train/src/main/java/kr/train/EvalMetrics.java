package kr.train;

/**
 * Metrics of one pass over an evaluation split, in inference mode with temperature 1.
 *
 * @param loss mean cross-entropy (no label smoothing)
 * @param top1 fraction of examples whose label is the arg-max
 * @param top5 fraction whose label is among the 5 largest logits (all classes if fewer than 5)
 * @param examples examples seen
 */
public record EvalMetrics(double loss, double top1, double top5, long examples) {}
