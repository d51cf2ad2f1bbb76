package kr.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import kr.core.graph.TemperatureSchedule;
import org.junit.jupiter.api.Test;

class SchedulesTest {
  // 10 epochs × 100 steps, 5 warmup epochs, the paper's peak 1e-3.
  private static final ScheduleSpec PAPER = new ScheduleSpec(1e-3, 0, 500, 1000, 300, 0.1);

  @Test
  void warmupThenCosineExactValues() {
    LrSchedule s = Schedules.WARMUP_COSINE.create(PAPER);
    assertThat(s.lr(0)).isEqualTo(1e-3 * 1 / 500);
    assertThat(s.lr(249)).isEqualTo(1e-3 * 250 / 500);
    assertThat(s.lr(499)).isEqualTo(1e-3);
    assertThat(s.lr(500)).isEqualTo(1e-3); // cos(0)
    assertThat(s.lr(625)).isCloseTo(1e-3 * (1 + Math.sqrt(0.5)) / 2, within(1e-18));
    assertThat(s.lr(750)).isCloseTo(0.5e-3, within(1e-18));
    assertThat(s.lr(875)).isCloseTo(1e-3 * (1 - Math.sqrt(0.5)) / 2, within(1e-18));
    assertThat(s.lr(1000)).isEqualTo(0);
    assertThat(s.lr(5000)).isEqualTo(0); // past the end: stays at the floor
  }

  @Test
  void warmupFromAStartingLrIsTimmsLinearRamp() {
    // DeiT: 5 warmup epochs from 1e-6, here 5 × 10 steps to a peak of 1e-3, then cosine to 1e-5.
    LrSchedule s =
        Schedules.WARMUP_COSINE.create(new ScheduleSpec(1e-3, 1e-5, 50, 100, 1, 1, 1e-6));
    assertThat(s.lr(0)).isEqualTo(1e-6);
    assertThat(s.lr(25)).isEqualTo(1e-6 + (1e-3 - 1e-6) * 25 / 50);
    assertThat(s.lr(49)).isEqualTo(1e-6 + (1e-3 - 1e-6) * 49 / 50);
    assertThat(s.lr(50)).isEqualTo(1e-3);
    assertThat(s.lr(100)).isEqualTo(1e-5);
    assertThatThrownBy(() -> new ScheduleSpec(1e-3, 0, 50, 100, 1, 1, 2e-3))
        .hasMessageContaining("warmupLr");
  }

  @Test
  void cosineAnnealsToMinLr() {
    LrSchedule s = Schedules.WARMUP_COSINE.create(new ScheduleSpec(1e-2, 1e-4, 0, 100, 1, 1));
    assertThat(s.lr(0)).isEqualTo(1e-2);
    assertThat(s.lr(50)).isCloseTo(1e-4 + (1e-2 - 1e-4) / 2, within(1e-15));
    assertThat(s.lr(100)).isEqualTo(1e-4);
  }

  @Test
  void constantAndStepSchedules() {
    LrSchedule c = Schedules.CONSTANT.create(PAPER);
    assertThat(c.lr(99)).isEqualTo(1e-3 * 100 / 500);
    assertThat(c.lr(500)).isEqualTo(1e-3);
    assertThat(c.lr(999)).isEqualTo(1e-3);
    LrSchedule st = Schedules.STEP.create(PAPER);
    assertThat(st.lr(499)).isEqualTo(1e-3);
    assertThat(st.lr(799)).isEqualTo(1e-3);
    assertThat(st.lr(800)).isCloseTo(1e-4, within(1e-18));
    assertThat(st.lr(1100)).isCloseTo(1e-5, within(1e-18));
  }

  @Test
  void noWarmupStartsAtThePeak() {
    LrSchedule s = Schedules.WARMUP_COSINE.create(new ScheduleSpec(0.1, 0, 0, 10, 1, 1));
    assertThat(s.lr(0)).isEqualTo(0.1);
  }

  @Test
  void temperatureScheduleExactValues() {
    TemperatureSchedule t = TemperatureSchedule.dyconv(); // 30 → 1 over 10 epochs
    long iters = 100; // N = 1000
    assertThat(t.at(1, iters)).isEqualTo(1 + 29 * 999.0 / 1000);
    assertThat(t.at(500, iters)).isEqualTo(15.5);
    assertThat(t.at(900, iters)).isCloseTo(3.9, within(1e-12));
    assertThat(t.at(1000, iters)).isEqualTo(1);
    assertThat(t.at(5000, iters)).isEqualTo(1);
    assertThat(TemperatureSchedule.none().at(1, iters)).isEqualTo(1);
    assertThat(TemperatureSchedule.none().enabled()).isFalse();
    assertThat(t.enabled()).isTrue();
  }

  @Test
  void badSpecsNameTheField() {
    assertThatThrownBy(() -> new ScheduleSpec(0, 0, 0, 10, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("baseLr")
        .hasMessageContaining("0.0");
    assertThatThrownBy(() -> new ScheduleSpec(1, 0, 11, 10, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warmupSteps")
        .hasMessageContaining("11");
    assertThatThrownBy(() -> new TemperatureSchedule(0.5, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("temperature initial")
        .hasMessageContaining("0.5");
  }
}
