package kr.bench.tsne;

import kr.core.graph.Checks;

/**
 * A t-SNE layout.
 *
 * @param points {@code n × dimensions} coordinates (copied in and out)
 * @param klDivergence KL(P ‖ Q) of the final layout, without exaggeration
 */
public record TsneResult(double[][] points, double klDivergence) {
  public TsneResult {
    Matrices.columns("points", points);
    Checks.check(
        Double.isFinite(klDivergence) && klDivergence >= -1e-9,
        "klDivergence",
        klDivergence,
        "must be a finite number >= 0");
    points = copy(points);
  }

  @Override
  public double[][] points() {
    return copy(points);
  }

  static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }
}
