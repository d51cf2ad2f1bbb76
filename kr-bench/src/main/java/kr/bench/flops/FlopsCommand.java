package kr.bench.flops;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import kr.core.model.InputSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr flops}: our FLOPs and params next to the paper's FLOPs columns ({@link FlopsAudit}).
 * {@code --table 4,5} or {@code --table 1..7} picks tables; {@code --format csv} for machines;
 * {@code --input 32} counts each row's small-input model at 32×32×3 instead ({@link
 * FlopsAudit#rowsAt}).
 */
@Command(
    name = "flops",
    mixinStandardHelpOptions = true,
    description =
        "Audit our FLOPs (MACs of conv/linear/attention products per image) and params "
            + "against the paper's tables, building each model (not running it) at its paper input.")
public final class FlopsCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    markdown,
    csv
  }

  @Option(
      names = "--table",
      paramLabel = "TABLES",
      defaultValue = "1..7",
      description = "Tables to audit: a list and/or ranges, e.g. 4,5 or 1..7 or 4-5.")
  String tables;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "markdown",
      description = "markdown or csv.")
  Format format;

  @Option(
      names = "--input",
      paramLabel = "N|HxWxC",
      description =
          "Count at this input instead of the paper's (N: NxNx3), each row with the small-input "
              + "backbone the cpu and smoke protocols train (e.g. resnet18-cifar); no paper cells "
              + "(default: the paper's inputs).")
  String input;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    List<Integer> selected = parseTables(tables);
    List<FlopsAudit.Result> results =
        input == null
            ? FlopsAudit.run(selected)
            : FlopsAudit.count(FlopsAudit.rowsAt(selected, parseInput(input)));
    PrintWriter out = spec.commandLine().getOut();
    out.print(format == Format.csv ? FlopsAudit.csv(results) : FlopsAudit.markdown(results));
    out.flush();
    return 0;
  }

  /** Parses {@code 4}, {@code 4,5}, {@code 1..7}, {@code 4-5} and mixtures; each table 1..7. */
  static List<Integer> parseTables(String text) {
    TreeSet<Integer> out = new TreeSet<>();
    for (String part : text.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) {
        continue;
      }
      String[] ends = p.contains("..") ? p.split("\\.\\.", -1) : p.split("-", -1);
      try {
        int lo = Integer.parseInt(ends[0].trim());
        int hi = ends.length > 1 ? Integer.parseInt(ends[1].trim()) : lo;
        if (ends.length > 2 || lo < 1 || hi > 7 || lo > hi) {
          throw new IllegalArgumentException();
        }
        for (int t = lo; t <= hi; t++) {
          out.add(t);
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "--table must list tables 1..7 or ranges like 1..7 or 4-5, got '" + text + "'");
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("--table names no table: '" + text + "'");
    }
    return List.copyOf(out);
  }

  /** {@code 32} (32×32×3) or {@code 28x28x1}. */
  static InputSpec parseInput(String text) {
    String[] f = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
    try {
      if (f.length == 1) {
        return InputSpec.square(Integer.parseInt(f[0]), 3);
      }
      if (f.length == 3) {
        return new InputSpec(
            Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]));
      }
    } catch (IllegalArgumentException e) {
      // fall through: one message for every malformed value
    }
    throw new IllegalArgumentException(
        "--input must be N (NxNx3) or HxWxC with positive integers, e.g. 32 or 28x28x1, got '"
            + text
            + "'");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FlopsCommand()).execute(args));
  }
}
