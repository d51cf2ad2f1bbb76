package kr.bench.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;

/**
 * How far the parameters and BatchNorm statistics of two checkpoints are apart (optimizer slots
 * left out): the relative L2 distance of all of them as one vector, and the largest element
 * difference relative to the largest element.
 *
 * <p>Per tensor, a relative distance is ill-conditioned where a tensor holds sums that cancel (a
 * bias whose gradient is zero in exact arithmetic because a BatchNorm follows it takes only float
 * rounding, different in every summation order), so the two whole-model figures are what tests
 * bound; {@link #worst} names the tensor with the largest relative distance for the message.
 */
record ParameterAgreement(double relativeL2, double relativeMaxAbs, String worst, int tensors) {

  static ParameterAgreement of(Path a, Path b) throws IOException {
    Checkpoint x = CheckpointFile.read(a);
    Checkpoint y = CheckpointFile.read(b);
    double diff2 = 0;
    double norm2 = 0;
    double maxDiff = 0;
    double maxAbs = 0;
    double worstRel = -1;
    String worstName = "";
    int n = 0;
    for (Map.Entry<String, Checkpoint.Entry> e : y.tensors().entrySet()) {
      if (e.getKey().startsWith("optimizer/")) {
        continue;
      }
      Checkpoint.Entry other = x.tensors().get(e.getKey());
      if (other == null) {
        throw new IllegalStateException(a + " lacks " + e.getKey());
      }
      float[] u = other.values();
      float[] v = e.getValue().values();
      double d2 = 0;
      double v2 = 0;
      for (int i = 0; i < v.length; i++) {
        double d = (double) u[i] - v[i];
        d2 += d * d;
        v2 += (double) v[i] * v[i];
        maxDiff = Math.max(maxDiff, Math.abs(d));
        maxAbs = Math.max(maxAbs, Math.abs(v[i]));
      }
      double rel = Math.sqrt(d2 / Math.max(v2, 1e-300));
      if (rel > worstRel) {
        worstRel = rel;
        worstName = e.getKey();
      }
      diff2 += d2;
      norm2 += v2;
      n++;
    }
    return new ParameterAgreement(
        Math.sqrt(diff2 / norm2),
        maxDiff / maxAbs,
        String.format(Locale.ROOT, "%s (%.2g)", worstName, worstRel),
        n);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%d tensors: relative L2 %.3g, max |difference| / max |value| %.3g; worst tensor %s",
        tensors,
        relativeL2,
        relativeMaxAbs,
        worst);
  }
}
