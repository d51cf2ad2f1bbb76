package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;
import kr.core.kr.LowFrequencyBlock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The KR switches and {@code --dropout} of {@code kr train}, parsed as the command line does. */
class KrSwitchesTest {

  /** {@code kr train} parsed (not run) with {@code args} after the required options. */
  static TrainCommand parse(String... args) {
    TrainCommand t = new TrainCommand();
    List<String> a =
        new ArrayList<>(List.of("--backbone", "test-cnn", "--dataset", "mnist", "--out", "x"));
    a.addAll(List.of(args));
    new CommandLine(t).parseArgs(a.toArray(String[]::new));
    return t;
  }

  static DynamicKernelMethod resolve(String... args) {
    TrainCommand t = parse(args);
    return t.method.resolve(t.attention, t.krSwitches);
  }

  static KrConfig config(String... args) {
    return ((KrMethod) resolve(args)).config();
  }

  @Test
  void everySwitchChangesKrsConfiguration() {
    KrConfig c =
        config(
            "--kr",
            "4x",
            "--kr-no-lowfreq",
            "--kr-no-bn",
            "--kr-reduction",
            "4",
            "--kr-step",
            "8",
            "--kr-d0-dim",
            "48",
            "--kr-alpha-embed",
            "16",
            "--kr-lowfreq-block",
            "first",
            "--kr-head-d",
            "none");
    assertThat(c)
        .isEqualTo(
            KrConfig.kr4x()
                .withoutFrequencyInit()
                .withoutKrBatchNorm()
                .withReduction(4)
                .withStep(8)
                .withD0Dim(48)
                .withAlphaEmbed(16)
                .withLowFrequencyBlock(LowFrequencyBlock.FIRST)
                .withHeadInput(HeadInput.NONE));
    assertThat(c.step()).isEqualTo(OptionalInt.of(8));
    assertThat(c.label())
        .isEqualTo("kr4x-step8-r4-d0_48-no-lowfreq-no-bn-lowfreq-first-ae16-head-none");
    assertThat(config("--method", "kr")).isEqualTo(KrConfig.kr4x());
    assertThat(config("--kr", "4x", "--kr-d0-bn")).isEqualTo(KrConfig.kr4x().withD0BatchNorm());
    assertThatThrownBy(() -> config("--kr", "4x", "--kr-d0-bn", "--kr-no-lowfreq"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs d_0 from the low frequencies");
  }

  @Test
  void theD0HeadFitsStaticAndDynamicOnly() {
    assertThat(resolve("--kr-head-d", "d0")).isSameAs(StaticMethod.D0_HEAD);
    assertThat(resolve("--method", "static", "--kr-head-d", "D0")).isSameAs(StaticMethod.D0_HEAD);
    assertThat(config("--kr", "dyn-4x", "--kr-head-d", "d0"))
        .isEqualTo(KrConfig.dynamicOnly(4).withHeadInput(HeadInput.D0));
    assertThatThrownBy(() -> resolve("--kr", "4x", "--kr-head-d", "d0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr-head-d d0: ")
        .hasMessageContaining("KR grows d");
  }

  @Test
  void krSwitchesWithAnotherMethodAreUsageErrors() {
    assertThatThrownBy(() -> resolve("--kr-no-bn"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--kr-no-bn configures KR only, not --method static; drop it, or write --method kr");
    assertThatThrownBy(() -> resolve("--method", "odconv4x", "--kr-step", "8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr-step configures KR only, not --method odconv4x");
    assertThatThrownBy(() -> resolve("--method", "condconv", "--kr-head-d", "d0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr-head-d d0 is not for --method condconv");
    assertThatThrownBy(() -> resolve("--kr-head-d", "none"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr-head-d none is not for --method static");
    assertThat(resolve("--method", "dyconv")).isSameAs(DynamicKernelMethods.get("dyconv"));
  }

  @Test
  void badValuesNameTheFlagAndTheValue() {
    assertThatThrownBy(() -> resolve("--kr", "4x", "--kr-reduction", "0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--kr-reduction 0: ");
    assertThatThrownBy(() -> resolve("--kr", "4x", "--kr-d0-dim", "-3"))
        .hasMessageStartingWith("--kr-d0-dim -3: ");
    assertThatThrownBy(() -> resolve("--kr", "4x", "--kr-lowfreq-block", "middle"))
        .hasMessage("--kr-lowfreq-block middle: must be CENTERED or FIRST");
    assertThatThrownBy(() -> resolve("--kr", "4x", "--kr-head-d", "half"))
        .hasMessageStartingWith("--kr-head-d half: ")
        .hasMessageContaining("full, d0 or none");
    assertThatThrownBy(() -> resolve("--dropout", "1.5"))
        .hasMessage("--dropout 1.5: must be in [0, 1)");
  }

  @Test
  void dropoutZeroIsExplicitAndAbsentIsTheBackbonesDefault() {
    assertThat(parse().krSwitches.dropout()).isEmpty();
    assertThat(parse("--dropout", "0").krSwitches.dropout()).hasValue(0.0);
    assertThat(parse("--dropout", "0.3").krSwitches.dropout()).hasValue(0.3);
  }

  @Test
  void theCommandLineReportsAMisplacedSwitchOnOneLine() {
    CliRun r =
        CliRun.kr(
            Map.of(),
            "train",
            "--backbone",
            "test-cnn",
            "--dataset",
            "mnist",
            "--out",
            "unused-run",
            "--method",
            "we",
            "--kr-no-lowfreq");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .isEqualTo(
            "kr: --kr-no-lowfreq configures KR only, not --method we; drop it, or write --method kr");
  }
}
