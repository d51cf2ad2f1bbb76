package kr.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemperatureScheduleTest {

  @Test
  void parsesTheThreeFormsAndWritesThemBack() {
    assertThat(TemperatureSchedule.parse("none")).isEqualTo(TemperatureSchedule.none());
    assertThat(TemperatureSchedule.parse(" DyConv ")).isEqualTo(TemperatureSchedule.dyconv());
    assertThat(TemperatureSchedule.parse("odconv")).isEqualTo(TemperatureSchedule.dyconv());
    assertThat(TemperatureSchedule.parse("linear:5:2")).isEqualTo(TemperatureSchedule.linear(5, 2));
    for (String text : new String[] {"none", "dyconv", "linear:5:2", "linear:2.5:3"}) {
      assertThat(TemperatureSchedule.parse(text).label()).isEqualTo(text);
    }
  }

  @Test
  void badTextNamesTheAcceptedForms() {
    for (String text : new String[] {"hot", "linear:x:2", "linear:5", "linear:0.5:2"}) {
      assertThatThrownBy(() -> TemperatureSchedule.parse(text))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("temperature");
    }
    assertThatThrownBy(() -> TemperatureSchedule.parse("hot"))
        .hasMessage("temperature must be none, dyconv or linear:<T0>:<epochs>, got 'hot'");
  }

  @Test
  void annealsLinearlyToOne() {
    TemperatureSchedule t = TemperatureSchedule.linear(30, 10);
    assertThat(t.at(0, 100)).isEqualTo(30);
    assertThat(t.at(500, 100)).isEqualTo(15.5);
    assertThat(t.at(1000, 100)).isEqualTo(1);
    assertThat(t.at(5000, 100)).isEqualTo(1);
    assertThat(TemperatureSchedule.none().at(3, 100)).isEqualTo(1);
  }
}
