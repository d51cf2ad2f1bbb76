package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The help conventions, checked on every command's model: each option and parameter says what it
 * does, shows its default (a default value, or "default" in its description) unless it is required
 * or a switch, and has a short value label rather than a Java field name; enum values are
 * case-insensitive; a setting's validation names the flag; {@code kr help train} is {@code kr train
 * --help}.
 */
class CliOptionsTest {

  /** Every command, as "kr train", "kr bench soak", ... */
  private static void commands(CommandLine cl, String path, List<CommandLine> out) {
    out.add(cl);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                commands(sub, path + " " + name, out);
              }
            });
  }

  @Test
  void everyOptionHasADescriptionADefaultAndALabel() {
    List<CommandLine> all = new ArrayList<>();
    commands(KrCli.commandLine(), "kr", all);
    List<String> problems = new ArrayList<>();
    for (CommandLine cl : all) {
      CommandSpec spec = cl.getCommandSpec();
      String cmd = spec.qualifiedName();
      if (spec.usageMessage().description().length == 0) {
        problems.add(cmd + ": no description");
      }
      for (OptionSpec o : spec.options()) {
        String what = cmd + " " + o.longestName();
        String d = String.join(" ", o.description());
        boolean isSwitch = o.arity().max() == 0;
        if (d.isBlank()) {
          problems.add(what + ": no description");
        }
        if (!isSwitch
            && !o.required()
            && o.defaultValue() == null
            && !d.toLowerCase(Locale.ROOT).contains("default")) {
          problems.add(what + ": no default shown");
        }
        if (!isSwitch && o.paramLabel().matches("<[a-z].*[A-Z].*>")) {
          problems.add(what + ": value label " + o.paramLabel() + " is a field name");
        }
      }
      for (PositionalParamSpec p : spec.positionalParameters()) {
        if (String.join(" ", p.description()).isBlank()) {
          problems.add(cmd + " " + p.paramLabel() + ": no description");
        }
      }
    }
    assertThat(all).hasSizeGreaterThan(15);
    assertThat(problems).isEmpty();
  }

  @Test
  void enumValuesAreCaseInsensitive() {
    CommandLine cl = KrCli.commandLine();
    cl.parseArgs(
        "train",
        "--backbone",
        "test-cnn",
        "--dataset",
        "mnist",
        "--out",
        "x",
        "--optimizer",
        "sgd",
        "--schedule",
        "Warmup_Cosine",
        "--kr-attention",
        "kernel_only");
    TrainCommand train = cl.getSubcommands().get("train").getCommand();
    assertThat(train.optimizer.name()).isEqualTo("SGD");
    assertThat(train.attention.name()).isEqualTo("KERNEL_ONLY");
    CommandLine eval = KrCli.commandLine();
    eval.parseArgs("eval", "--run", "r", "--which", "last", "--split", "train");
    EvalCommand e = eval.getSubcommands().get("eval").getCommand();
    assertThat(e.which.value.name()).isEqualTo("LAST");
    assertThat(e.split.name()).isEqualTo("TRAIN");
  }

  @Test
  void validationMessagesNameTheFlag() {
    String[] base = {"train", "--backbone", "test-cnn", "--dataset", "mnist", "--out", "x"};
    record Case(String flag, String value, String message) {}
    for (Case c :
        List.of(
            new Case("--batch-size", "0", "kr: --batch-size must be > 0, got 0"),
            new Case("--keep", "0", "kr: --keep must be > 0, got 0"),
            new Case("--max-steps", "-1", "kr: --max-steps must be >= 0, got -1"),
            new Case("--wd", "-1", "kr: --wd must be a finite number >= 0, got -1.0"),
            new Case("--min-lr", "-1", "kr: --min-lr must be in [0, --lr=0.001], got -1.0"),
            new Case("--workers", "0", "kr: --workers must be > 0, got 0"),
            new Case("--image-size", "0", "kr: --image-size must be > 0, got 0"),
            new Case(
                "--threads", "1", "kr: --threads must be INTRA,INTER (two numbers), got [1]"))) {
      String[] args = new String[base.length + 2];
      System.arraycopy(base, 0, args, 0, base.length);
      args[base.length] = c.flag();
      args[base.length + 1] = c.value();
      CliRun r = CliRun.kr(args);
      assertThat(r.code()).as(r.err()).isEqualTo(KrCli.EXIT_USAGE);
      assertThat(r.err().strip()).isEqualTo(c.message());
    }
    CliRun eval = CliRun.kr("eval", "--run", "r", "--batch-size", "0");
    assertThat(eval.err().strip()).isEqualTo("kr: --batch-size must be > 0, got 0");
  }

  @Test
  void helpCommandAndHelpOptionPrintTheSameUsage() {
    CliRun help = CliRun.kr("help", "train");
    CliRun option = CliRun.kr("train", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).isEqualTo(option.out()).contains("--batch-size=N", "Default: 128");
  }
}
