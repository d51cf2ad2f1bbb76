package kr.bench.flops;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.OdConv;
import kr.bench.report.ModelCost;
import kr.bench.table.RowModels;
import kr.bench.table.RowSpec;
import kr.bench.table.TableSpec;
import kr.bench.table.TableSpecs;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;

/**
 * Our FLOPs against the paper's FLOPs columns, table by table. Every model row of the paper is one
 * {@link Row} of {@link #ROWS}, read from the same table specifications as {@code kr table}; each
 * registered backbone is built (not run) at batch 1 at the row's input and its multiply-accumulates
 * are read from the build ledger, its parameters from the parameter store ({@link ModelCost}).
 * FLOPs = MACs of conv, linear and attention products per image, decimal units
 * (docs/flops-convention.md).
 *
 * <p>A row whose backbone is not registered is reported as "not available". A row whose cell an
 * honest count cannot reach carries a one-line {@link Row#note() note}; the counter is never
 * adjusted to fit a cell.
 */
public final class FlopsAudit {
  private FlopsAudit() {}

  /** The v1.5 layout is listed for comparison; the paper's cells count v1. */
  static final String V15 =
      "v1.5 layout (stride on the 3x3, torchvision/ODConv code); the "
          + "paper counts v1 (resnet50)";

  /**
   * Table 1's ODConv rows are listed again with the other reading of the ODConv-on-ViT baseline.
   */
  static final String ALL_LINEARS =
      "qkv, proj, fc1, fc2 all as 1x1 ODConv (odconv4x-all); the default reading, fc1/fc2 only, "
          + "is closer to every cell";

  /**
   * One model row of a paper table.
   *
   * @param table the paper's table number (1–7)
   * @param model the row label as printed in the paper
   * @param backbone our registered backbone name
   * @param method the dynamic-kernel method: static, KR 1×/4× (or a Table 7 variation of it), or a
   *     baseline such as {@code odconv4x}
   * @param input the paper's input for this row
   * @param classes classes of the row's dataset
   * @param paper the paper's cell, in FLOPs (decimal); NaN for a row counted at another input than
   *     the paper's ({@link #rowsAt})
   * @param note why our honest count differs, or empty
   */
  public record Row(
      int table,
      String model,
      String backbone,
      DynamicKernelMethod method,
      InputSpec input,
      int classes,
      double paper,
      String note) {

    public Row {
      Checks.check(table >= 1 && table <= 7, "table", table, "must be 1..7");
      Checks.notNull("model", model);
      Checks.notNull("backbone", backbone);
      Checks.notNull("method", method);
      Checks.notNull("input", input);
      Checks.positive("classes", classes);
      Checks.check(paper > 0 || Double.isNaN(paper), "paper", paper, "must be positive or NaN");
      Checks.notNull("note", note);
    }

    /** The backbone arguments this row builds with. */
    public BackboneArgs args() {
      return BackboneArgs.of(method, input, classes);
    }

    /** The variant column: the method's name ({@code static}, {@code kr4x}, {@code odconv4x}). */
    public String variant() {
      return method.name();
    }
  }

  /**
   * Every audited row, in table order: each row of the table specifications ({@link TableSpecs})
   * that has a FLOPs cell, at its table's input, plus the ResNet-50 v1.5 layout beside the static
   * and KR rows of ResNet-50 and the all-linears reading beside Table 1's ODConv rows, for
   * comparison.
   */
  public static final List<Row> ROWS = rowsFromSpecs();

  static List<Row> rowsFromSpecs() {
    List<Row> out = new ArrayList<>();
    for (TableSpec t : TableSpecs.all()) {
      int classes = t.datasets().get(0).classes();
      List<Row> extra = new ArrayList<>();
      for (RowSpec r : withFlopsCells(t)) {
        BackboneArgs a = RowModels.args(r, t.input(), classes);
        Row row =
            new Row(
                t.number(),
                r.label(),
                r.backbone(),
                a.method(),
                t.input(),
                classes,
                r.paper().flops().getAsDouble(),
                r.note());
        out.add(row);
        if (r.backbone().equals("resnet50")
            && (r.method().equals(RowModels.KR) || r.method().equals(RowModels.STATIC))) {
          extra.add(
              new Row(
                  t.number(),
                  r.label(),
                  "resnet50-v1.5",
                  a.method(),
                  t.input(),
                  classes,
                  row.paper(),
                  V15));
        }
        if (t.number() == 1 && a.method() instanceof OdConv od && !od.allLinears()) {
          extra.add(
              new Row(
                  t.number(),
                  r.label(),
                  r.backbone(),
                  OdConv.allLinears(od.kernels()),
                  t.input(),
                  classes,
                  row.paper(),
                  ALL_LINEARS));
        }
      }
      out.addAll(extra);
    }
    return List.copyOf(out);
  }

  /** The rows of {@code t} the paper prints a FLOPs cell for. */
  private static List<RowSpec> withFlopsCells(TableSpec t) {
    return t.rows().stream().filter(r -> r.paper().flops().isPresent()).toList();
  }

  /**
   * The audited spec rows of the given tables (all when empty) at another input: each row's
   * small-input backbone ({@link RowSpec#smallInputBackbone}, the one the cpu and smoke protocols
   * train, e.g. {@code resnet18-cifar}) at {@code input}, with the table's classes; the paper's
   * cell is NaN (it is for the paper's input).
   */
  public static List<Row> rowsAt(Collection<Integer> tables, InputSpec input) {
    Checks.notNull("input", input);
    List<Row> out = new ArrayList<>();
    for (TableSpec t : TableSpecs.all()) {
      if (!tables.isEmpty() && !tables.contains(t.number())) {
        continue;
      }
      int classes = t.datasets().get(0).classes();
      for (RowSpec r : withFlopsCells(t)) {
        out.add(
            new Row(
                t.number(),
                r.label(),
                r.smallInputBackbone(),
                RowModels.method(r),
                input,
                classes,
                Double.NaN,
                r.smallInputBackbone().equals(r.backbone())
                    ? ""
                    : "small-input variant of " + r.backbone()));
      }
    }
    return List.copyOf(out);
  }

  /** One audited row: our count, or unavailable when the backbone is not registered. */
  public record Result(Row row, boolean available, long macs, long params) {

    /** (ours − paper) / paper in percent; NaN when unavailable. */
    public double diffPercent() {
      return available ? 100.0 * (macs - row.paper()) / row.paper() : Double.NaN;
    }
  }

  /** The rows of the given tables (all tables when empty). */
  public static List<Row> rows(Collection<Integer> tables) {
    return ROWS.stream().filter(r -> tables.isEmpty() || tables.contains(r.table())).toList();
  }

  /** Builds and counts every row of the given tables. */
  public static List<Result> run(Collection<Integer> tables) {
    return count(rows(tables));
  }

  /** Builds and counts {@code rows}. */
  public static List<Result> count(List<Row> rows) {
    List<String> known = Backbones.list();
    List<Result> out = new ArrayList<>();
    for (Row r : rows) {
      if (!known.contains(r.backbone())) {
        out.add(new Result(r, false, 0, 0));
        continue;
      }
      ModelCost cost = ModelCost.of(Backbones.create(r.backbone(), r.args()), r.input());
      out.add(new Result(r, true, cost.macs(), cost.params()));
    }
    return out;
  }

  private static final String[] HEADER = {
    "table",
    "model",
    "backbone",
    "variant",
    "input",
    "paper FLOPs",
    "our FLOPs",
    "diff %",
    "our params",
    "note"
  };

  private static String[] cells(Result res) {
    Row r = res.row();
    String[] row = {
      "T" + r.table(), r.model(), r.backbone(), r.variant(), inputText(r.input()), human(r.paper())
    };
    String[] ours =
        res.available()
            ? new String[] {
              human(res.macs()),
              Double.isNaN(res.diffPercent())
                  ? ""
                  : String.format(Locale.ROOT, "%+.1f", res.diffPercent()),
              String.format(Locale.ROOT, "%.2fM", res.params() / 1e6),
              r.note()
            }
            : new String[] {"not available", "", "", "backbone not registered"};
    return Stream.of(row, ours).flatMap(Arrays::stream).toArray(String[]::new);
  }

  /** A GitHub markdown table. */
  public static String markdown(List<Result> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("| ").append(String.join(" | ", HEADER)).append(" |\n");
    sb.append("|").append("---|".repeat(HEADER.length)).append('\n');
    for (Result res : results) {
      sb.append("| ").append(String.join(" | ", cells(res))).append(" |\n");
    }
    return sb.toString();
  }

  /** CSV with exact integers for our counts. */
  public static String csv(List<Result> results) {
    StringBuilder sb =
        new StringBuilder(
            "table,model,backbone,variant,input,paper_flops,our_flops,diff_percent,our_params,note\n");
    for (Result res : results) {
      Row r = res.row();
      sb.append(r.table())
          .append(',')
          .append(quote(r.model()))
          .append(',')
          .append(r.backbone())
          .append(',')
          .append(r.variant())
          .append(',')
          .append(inputText(r.input()))
          .append(',')
          .append(Double.isNaN(r.paper()) ? "" : String.format(Locale.ROOT, "%.0f", r.paper()))
          .append(',');
      if (res.available()) {
        sb.append(res.macs())
            .append(',')
            .append(
                Double.isNaN(res.diffPercent())
                    ? ""
                    : String.format(Locale.ROOT, "%.2f", res.diffPercent()))
            .append(',')
            .append(res.params())
            .append(',')
            .append(quote(r.note()));
      } else {
        sb.append(",,,").append(quote("not available: backbone not registered"));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** {@code 224x224x3}. */
  static String inputText(InputSpec in) {
    return in.height() + "x" + in.width() + "x" + in.channels();
  }

  /** 1.814G, 300.8M, 11.69M: decimal units; a dash for NaN. */
  static String human(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    if (v >= 1e9) {
      return String.format(Locale.ROOT, "%.3fG", v / 1e9);
    }
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.1fM", v / 1e6);
    }
    if (v >= 1e3) {
      return String.format(Locale.ROOT, "%.1fK", v / 1e3);
    }
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
