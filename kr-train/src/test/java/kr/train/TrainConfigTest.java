package kr.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import kr.train.optim.Optimizers;
import kr.train.optim.Schedules;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class TrainConfigTest {

  private static TrainConfig.Builder valid() {
    return TrainConfig.builder().outDir(Path.of("runs/x"));
  }

  @Test
  void defaultsAreThePapersRecipe() {
    TrainConfig c = valid().build();
    assertThat(c.optimizer()).isEqualTo(Optimizers.ADAMW);
    assertThat(c.lr()).isEqualTo(1e-3);
    assertThat(c.weightDecay()).isEqualTo(5e-5);
    assertThat(c.schedule()).isEqualTo(Schedules.WARMUP_COSINE);
    assertThat(c.warmupEpochs()).isEqualTo(5);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(c.toJson()).startsWith("{\"epochs\":100,\"batch_size\":128,");
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        bad(b -> b.epochs(0), "epochs", "0"),
        bad(b -> b.batchSize(-4), "batchSize", "-4"),
        bad(b -> b.lr(0), "lr", "0.0"),
        bad(b -> b.lr(Double.NaN), "lr", "NaN"),
        bad(b -> b.minLr(1), "minLr", "1.0"),
        bad(b -> b.weightDecay(-1e-4), "weightDecay", "-1.0E-4"),
        bad(b -> b.momentum(1.0), "momentum", "1.0"),
        bad(b -> b.epochs(3).warmupEpochs(5), "warmupEpochs", "5"),
        bad(b -> b.labelSmoothing(1.0), "labelSmoothing", "1.0"),
        bad(b -> b.clipNorm(Double.POSITIVE_INFINITY), "clipNorm", "Infinity"),
        bad(b -> b.keepCheckpoints(0), "keepCheckpoints", "0"),
        bad(b -> b.maxStepsPerEpoch(-1), "maxStepsPerEpoch", "-1"),
        bad(b -> b.gamma(2), "gamma", "2.0"),
        bad(b -> b.optimizer(null), "optimizer", "null"),
        bad(b -> b.outDir(null), "outDir", "null"),
        bad(b -> b.intraOpThreads(-2), "intraOpThreads", "-2"));
  }

  private static Arguments bad(UnaryOperator<TrainConfig.Builder> edit, String field,
      String value) {
    return Arguments.of(edit, field, value);
  }

  @ParameterizedTest(name = "{1} = {2}")
  @MethodSource("badValues")
  void badValueNamesFieldAndValue(UnaryOperator<TrainConfig.Builder> edit, String field,
      String value) {
    assertThatThrownBy(() -> edit.apply(valid()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(field + " ")
        .satisfies(e -> {
          if (!value.equals("null")) {
            assertThat(e.getMessage()).contains(value);
          }
        });
  }
}
