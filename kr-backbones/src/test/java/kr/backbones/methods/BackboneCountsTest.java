package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.function.BiFunction;
import java.util.stream.Stream;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Whole-network parameters and FLOPs of {@link ReferenceBackbones} at 224×224 (graphs are built,
 * never run) against the recounts of docs/flops-convention.md: exact parameter counts (the
 * ODConv-table values to two decimals), FLOPs within the tolerance of each method's fitted
 * convention.
 *
 * <p>Building a whole network takes seconds to a minute on a loaded 2-core machine, so only one
 * ResNet-18 case (CondConv) runs by default; {@code -Dkr.methods.fullCounts=true} runs the whole
 * table (about 4 minutes there).
 */
class BackboneCountsTest {

  /** name, network, params (exact recount), FLOPs (recount / README), tolerance. */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("static", "r18", 11_689_512L, 1.8141e9, 0.001),
        Arguments.of("condconv", "r18", 81_346_120L, 1.894e9, 0.005),
        Arguments.of("dyconv", "r18", 45_471_092L, 1.861e9, 0.01),
        Arguments.of("odconv1x", "r18", 11_943_944L, 1.838e9, 0.007),
        Arguments.of("odconv4x", "r18", 44_901_640L, 1.916e9, 0.007),
        Arguments.of("dcd", "r18", 14_703_332L, 1.885e9, 0.01),
        Arguments.of("weightnet", "r18", -1L, 1.826e9, 0.01),
        Arguments.of("we", "r18", -1L, 1.8141e9, 0.001),
        Arguments.of("static", "mbv2", 3_504_872L, 300.8e6, 0.001),
        Arguments.of("condconv", "mbv2", 22_878_496L, 322.9e6, 0.005),
        Arguments.of("dyconv", "mbv2", 12_400_596L, 318.5e6, 0.01),
        Arguments.of("odconv1x", "mbv2", 4_940_185L, 311.8e6, 0.007),
        Arguments.of("odconv4x", "mbv2", 11_512_149L, 327.1e6, 0.007),
        Arguments.of("dcd", "mbv2", 5_720_028L, -1.0, 0));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void matchesTheRecounts(String method, String net, long params, double flops, double tol) {
    Assumptions.assumeTrue(
        Boolean.getBoolean("kr.methods.fullCounts")
            || net.equals("r18") && method.equals("condconv"),
        "whole table only with -Dkr.methods.fullCounts=true");
    try (TestGraph g = new TestGraph()) {
      BuildContext<TFloat32> ctx = g.context(TFloat32.class, Mode.INFERENCE, 1);
      Operand<TFloat32> images =
          g.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 224, 224, 3)));
      DynamicKernelMethod m = DynamicKernelMethods.get(method);
      BiFunction<BuildContext<TFloat32>, Operand<TFloat32>, Operand<TFloat32>> build =
          net.equals("r18")
              ? (c, x) -> ReferenceBackbones.resnet18(c, m, x, 1000)
              : (c, x) -> ReferenceBackbones.mobileNetV2(c, m, x, 1000, 1.0);
      Operand<TFloat32> logits = build.apply(ctx, images);
      assertThat(logits.shape().asArray()).containsExactly(-1, 1000);
      long count = ctx.store().trainableCount();
      double macs = ctx.ledger().totalMacs();
      System.out.printf("%s %s: %d params, %.4f GMACs%n", method, net, count, macs / 1e9);
      if (params > 0) {
        assertThat(count).isEqualTo(params);
      }
      if (flops > 0) {
        assertThat(macs / flops).isCloseTo(1.0, within(tol));
      }
    }
  }
}
