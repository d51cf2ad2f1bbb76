package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import kr.train.config.LoopConfig;
import kr.train.config.OptimizerConfig;
import kr.train.config.ParallelConfig;
import kr.train.config.RunConfig;
import kr.train.optim.Optimizers;
import kr.train.optim.ScheduleSpec;
import kr.train.optim.Schedules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TrainConfigTest {
  private static final Path OUT = Path.of("runs/x");

  @Test
  void defaultsAreThePapersRecipe() {
    OptimizerConfig o = OptimizerConfig.defaults();
    assertThat(o.optimizer()).isEqualTo(Optimizers.ADAMW);
    assertThat(o.lr()).isEqualTo(1e-3);
    assertThat(o.weightDecay()).isEqualTo(5e-5);
    assertThat(o.schedule()).isEqualTo(Schedules.WARMUP_COSINE);
    assertThat(o.warmupEpochs()).isEqualTo(5);
    assertThat(o.toBuilder().build()).isEqualTo(o);
    LoopConfig l = LoopConfig.builder().build();
    assertThat(l.epochs()).isEqualTo(100);
    assertThat(l.batchSize()).isEqualTo(128);
    assertThat(l.effectiveEvalBatchSize()).isEqualTo(128);
    assertThat(l.toBuilder().build()).isEqualTo(l);
    RunConfig r = RunConfig.in(OUT);
    assertThat(r)
        .isEqualTo(new RunConfig(OUT, false, 3, 0, 0, true, false, false, ParallelConfig.SINGLE));
    assertThat(r.withThreads(1, 2).withResume(true).withKeepCheckpoints(1).withProgress(false))
        .isEqualTo(new RunConfig(OUT, true, 1, 1, 2, false, false, false, ParallelConfig.SINGLE));
    TrainConfig c = new TrainConfig(o, l, r);
    assertThat(c.scheduleSpec(10)).isEqualTo(new ScheduleSpec(1e-3, 0, 50, 1000, 300, 0.1));
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad(() -> LoopConfig.builder().epochs(0).build(), "epochs", "0"),
        bad(() -> LoopConfig.builder().batchSize(-4).build(), "batchSize", "-4"),
        bad(() -> OptimizerConfig.builder().lr(0).build(), "lr", "0.0"),
        bad(() -> OptimizerConfig.builder().lr(Double.NaN).build(), "lr", "NaN"),
        bad(() -> OptimizerConfig.builder().minLr(1).build(), "minLr", "1.0"),
        bad(() -> OptimizerConfig.builder().weightDecay(-1e-4).build(), "weightDecay", "-1.0E-4"),
        bad(() -> OptimizerConfig.builder().momentum(1.0).build(), "momentum", "1.0"),
        bad(
            () ->
                new TrainConfig(
                    OptimizerConfig.builder().warmupEpochs(5).build(),
                    LoopConfig.builder().epochs(3).build(),
                    RunConfig.in(OUT)),
            "warmupEpochs",
            "5"),
        bad(() -> LoopConfig.builder().labelSmoothing(1.0).build(), "labelSmoothing", "1.0"),
        bad(
            () -> OptimizerConfig.builder().clipNorm(Double.POSITIVE_INFINITY).build(),
            "clipNorm",
            "Infinity"),
        bad(() -> RunConfig.in(OUT).withKeepCheckpoints(0), "keepCheckpoints", "0"),
        bad(() -> LoopConfig.builder().maxStepsPerEpoch(-1).build(), "maxStepsPerEpoch", "-1"),
        bad(() -> OptimizerConfig.builder().gamma(2).build(), "gamma", "2.0"),
        bad(() -> OptimizerConfig.builder().optimizer(null).build(), "optimizer", "null"),
        bad(() -> RunConfig.in(null), "outDir", "null"),
        bad(() -> RunConfig.in(OUT).withThreads(-2, 1), "intraOpThreads", "-2"));
  }

  private static Arguments bad(Supplier<Object> build, String field, String value) {
    return Arguments.of(build, field, value);
  }

  @ParameterizedTest(name = "{1} = {2}")
  @MethodSource("badValues")
  void badValueNamesFieldAndValue(Supplier<Object> build, String field, String value) {
    assertThatThrownBy(build::get)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + " ")
        .satisfies(
            e -> {
              if (!value.equals("null")) {
                assertThat(e.getMessage()).contains(value);
              }
            });
  }
}
