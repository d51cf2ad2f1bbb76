package kr.bench.tsne;

import kr.core.graph.Checks;

/**
 * Settings of exact t-SNE (van der Maaten &amp; Hinton, JMLR 2008). The defaults follow the paper's
 * optimisation schedule: momentum 0.5 for the first 250 iterations and 0.8 after, early
 * exaggeration 12 for the first 250 iterations, learning rate 200, initial points drawn from N(0,
 * 1e-4²).
 *
 * @param dimensions output dimensions (2 for a figure)
 * @param perplexity effective number of neighbours of each point's Gaussian; below the point count
 * @param iterations gradient-descent iterations
 * @param learningRate step size of the gradient descent
 * @param earlyExaggeration factor on P during the first {@code exaggerationIterations}
 * @param exaggerationIterations iterations with exaggerated P and the initial momentum
 * @param initialMomentum momentum while exaggerating
 * @param finalMomentum momentum afterwards
 * @param minGain floor of the per-coordinate adaptive gains
 * @param seed seed of the initial layout; equal seeds give bit-identical embeddings
 */
public record TsneConfig(
    int dimensions,
    double perplexity,
    int iterations,
    double learningRate,
    double earlyExaggeration,
    int exaggerationIterations,
    double initialMomentum,
    double finalMomentum,
    double minGain,
    long seed) {

  public static final int DIMENSIONS = 2;
  public static final double PERPLEXITY = 30;
  public static final int ITERATIONS = 1000;
  public static final double LEARNING_RATE = 200;
  public static final double EARLY_EXAGGERATION = 12;
  public static final int EXAGGERATION_ITERATIONS = 250;
  public static final double INITIAL_MOMENTUM = 0.5;
  public static final double FINAL_MOMENTUM = 0.8;
  public static final double MIN_GAIN = 0.01;

  public TsneConfig {
    Checks.positive("dimensions", dimensions);
    Checks.positive("perplexity", perplexity);
    Checks.positive("iterations", iterations);
    Checks.positive("learningRate", learningRate);
    Checks.check(
        earlyExaggeration >= 1 && Double.isFinite(earlyExaggeration),
        "earlyExaggeration",
        earlyExaggeration,
        "must be a finite number >= 1");
    Checks.nonNegative("exaggerationIterations", exaggerationIterations);
    Checks.inRange("initialMomentum", initialMomentum, 0, 1);
    Checks.inRange("finalMomentum", finalMomentum, 0, 1);
    Checks.inRange("minGain", minGain, 0, 1);
  }

  /** The paper's schedule with the given seed. */
  public static TsneConfig defaults(long seed) {
    return new TsneConfig(
        DIMENSIONS,
        PERPLEXITY,
        ITERATIONS,
        LEARNING_RATE,
        EARLY_EXAGGERATION,
        EXAGGERATION_ITERATIONS,
        INITIAL_MOMENTUM,
        FINAL_MOMENTUM,
        MIN_GAIN,
        seed);
  }

  public TsneConfig withPerplexity(double value) {
    return new TsneConfig(
        dimensions,
        value,
        iterations,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        minGain,
        seed);
  }

  public TsneConfig withIterations(int value) {
    return new TsneConfig(
        dimensions,
        perplexity,
        value,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        minGain,
        seed);
  }

  public TsneConfig withSeed(long value) {
    return new TsneConfig(
        dimensions,
        perplexity,
        iterations,
        learningRate,
        earlyExaggeration,
        exaggerationIterations,
        initialMomentum,
        finalMomentum,
        minGain,
        value);
  }
}
