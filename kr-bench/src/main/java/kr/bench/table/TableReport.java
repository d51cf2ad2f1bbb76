package kr.bench.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import kr.bench.report.ModelCost;
import kr.core.kr.HeadInput;

/**
 * Re-typesets a table with our figures beside the paper's: {@code report.md}, {@code rows.csv} and
 * {@code rows.json} (everything a plot needs: the paper's cells, our per-seed values, mean, std,
 * gains and costs). Pure functions of their inputs, so the files are reproducible.
 */
public final class TableReport {
  private TableReport() {}

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One {@link RowResult} per (row, data column), in table order.
   *
   * @param costs our cost of each row at the paper's input, by row id
   * @param runs the finished runs (any order)
   */
  public static List<RowResult> aggregate(
      TableSpec table,
      List<RowSpec> rows,
      List<RunData> data,
      Map<String, ModelCost> costs,
      List<RunResult> runs) {
    List<RowResult> out = new ArrayList<>();
    for (RunData d : data) {
      for (RowSpec r : rows) {
        Stats ours = stats(runs, r.id(), d.dataset());
        RowSpec base = table.baselineOf(r);
        double paper = r.paper().top1(d.paperDataset()).orElse(Double.NaN);
        double paperGain =
            r.isBaseline()
                ? Double.NaN
                : paper - base.paper().top1(d.paperDataset()).orElse(Double.NaN);
        double gain = Double.NaN;
        double se = Double.NaN;
        if (!r.isBaseline() && rows.contains(base)) {
          Stats b = stats(runs, base.id(), d.dataset());
          gain = ours.mean() - b.mean();
          se = Math.sqrt(ours.varianceOfMean() + b.varianceOfMean());
        }
        int diverged =
            (int)
                runs.stream()
                    .filter(
                        x ->
                            x.row().equals(r.id())
                                && x.dataset().equals(d.dataset())
                                && x.diverged())
                    .count();
        ModelCost c = costs.get(r.id());
        long trained =
            runs.stream()
                .filter(x -> x.row().equals(r.id()) && x.dataset().equals(d.dataset()))
                .mapToLong(RunResult::params)
                .findFirst()
                .orElse(0);
        out.add(
            new RowResult(
                r,
                d,
                paper,
                paperGain,
                c == null ? 0 : c.macs(),
                c == null ? 0 : c.params(),
                trained,
                ours,
                gain,
                se,
                diverged));
      }
    }
    return out;
  }

  private static Stats stats(List<RunResult> runs, String row, String dataset) {
    return Stats.of(values(runs, row, dataset));
  }

  private static List<Double> values(List<RunResult> runs, String row, String dataset) {
    return runs.stream()
        .filter(x -> x.row().equals(row) && x.dataset().equals(dataset) && !x.diverged())
        .sorted(Comparator.comparingLong(RunResult::seed))
        .map(RunResult::top1)
        .toList();
  }

  /** The Markdown table: a protocol line on top, then one line per row and data column. */
  public static String markdown(TableSpec table, String protocolLine, List<RowResult> results) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Table ")
        .append(table.number())
        .append(": ")
        .append(table.caption())
        .append("\n\n")
        .append(protocolLine)
        .append("\n\n");
    sb.append(
        "| row | model | data | FLOPs paper | FLOPs ours | params ours | top-1 paper "
            + "| top-1 ours | params trained | gain paper | gain ours |\n");
    sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RowResult r : results) {
      RowSpec row = r.row();
      sb.append("| ")
          .append(row.id())
          .append(" | ")
          .append(row.label())
          .append(row.copied() ? " ᶜ" : "")
          .append(row.control() ? " ᵏ" : "")
          .append(" | ")
          .append(r.data().dataset())
          .append(
              r.data().dataset().equals(r.data().paperDataset())
                  ? ""
                  : " (paper: " + r.data().paperDataset() + ")")
          .append(" | ")
          .append(row.paper().flops().isPresent() ? human(row.paper().flops().getAsDouble()) : "–")
          .append(" | ")
          .append(r.ourFlops() > 0 ? human(r.ourFlops()) : "–")
          .append(" | ")
          .append(millions(r.ourParams()))
          .append(" | ")
          .append(pct(r.paperTop1()))
          .append(" | ")
          .append(ours(r))
          .append(" | ")
          .append(millions(r.trainedParams()))
          .append(" | ")
          .append(row.isBaseline() ? "–" : signed(r.paperGain()))
          .append(" | ")
          .append(
              row.isBaseline()
                  ? "–"
                  : signed(r.ourGain())
                      + (Double.isFinite(r.ourGainSe())
                          ? String.format(Locale.ROOT, " ± %.2f", r.ourGainSe())
                          : "")
                      + (r.significant() ? " †" : ""))
          .append(" |\n");
    }
    sb.append("\nTop-1 in %, ours as mean ± sample std over seeds (n finished")
        .append(", diverged runs left out and counted). Gain: top-1 minus the row's baseline ")
        .append("(gain = 0 rows: ")
        .append(
            results.stream()
                .map(RowResult::row)
                .filter(RowSpec::isBaseline)
                .map(RowSpec::id)
                .distinct()
                .collect(Collectors.joining(", ")))
        .append("), ours ± its standard error √(s²/n + s²_b/n_b); † |gain| > 2 standard ")
        .append("errors. ᶜ row copied by the paper from another paper. ")
        .append(
            results.stream().anyMatch(r -> r.row().control())
                ? "ᵏ control (not in the paper): no paper cells. "
                : "")
        .append("FLOPs: ")
        .append("multiply-accumulates per image at the paper's input, as `kr flops` counts; ")
        .append("params ours: the paper's model there; params trained: the model whose top-1 is ")
        .append("ours, at the run's input and classes.\n");
    List<RowSpec> noted =
        results.stream()
            .map(RowResult::row)
            .distinct()
            .filter(r -> !r.options().absent() || !r.note().isEmpty())
            .toList();
    if (!noted.isEmpty()) {
      sb.append("\nRow settings and notes:\n\n");
      for (RowSpec r : noted) {
        sb.append("- ").append(r.id()).append(": ");
        if (!r.options().absent()) {
          sb.append("options ").append(optionsText(r.options()));
          sb.append(r.note().isEmpty() ? "" : "; ");
        }
        sb.append(r.note()).append("\n");
      }
    }
    return sb.toString();
  }

  private static String millions(long params) {
    return params > 0 ? String.format(Locale.ROOT, "%.2fM", params / 1e6) : "–";
  }

  private static String ours(RowResult r) {
    Stats s = r.ours();
    if (s.n() == 0) {
      return r.diverged() > 0 ? "diverged (" + r.diverged() + ")" : "–";
    }
    return (s.n() == 1
            ? String.format(Locale.ROOT, "%.2f (n=1)", s.mean())
            : String.format(Locale.ROOT, "%.2f ± %.2f (n=%d)", s.mean(), s.std(), s.n()))
        + (r.diverged() > 0 ? ", " + r.diverged() + " diverged" : "");
  }

  private static String pct(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "–";
  }

  private static String signed(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.2f", v) : "–";
  }

  /** 1.814G, 300.8M: decimal units. */
  static String human(double v) {
    if (v >= 1e9) {
      return String.format(Locale.ROOT, "%.3fG", v / 1e9);
    }
    return String.format(Locale.ROOT, "%.1fM", v / 1e6);
  }

  static final String CSV_HEADER =
      "table,row,label,dataset,paper_dataset,backbone,method,kr,"
          + "options,recipe,copied,baseline,paper_flops,our_flops,our_params,trained_params,"
          + "paper_top1,our_top1_mean,"
          + "our_top1_std,n,diverged,paper_gain,our_gain,our_gain_se,significant";

  /** One CSV line per row and data column; numbers unrounded, empty where undefined. */
  public static String csv(TableSpec table, List<RowResult> results) {
    StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
    for (RowResult r : results) {
      RowSpec row = r.row();
      List<String> f =
          List.of(
              String.valueOf(table.number()),
              row.id(),
              quote(row.label()),
              r.data().dataset(),
              r.data().paperDataset(),
              row.backbone(),
              row.method(),
              row.kr(),
              row.options().absent() ? "" : quote(optionsText(row.options())),
              row.recipe(),
              String.valueOf(row.copied()),
              row.baseline(),
              row.paper().flops().isPresent()
                  ? String.format(Locale.ROOT, "%.0f", row.paper().flops().getAsDouble())
                  : "",
              String.valueOf(r.ourFlops()),
              String.valueOf(r.ourParams()),
              String.valueOf(r.trainedParams()),
              num(r.paperTop1()),
              num(r.ours().mean()),
              num(r.ours().std()),
              String.valueOf(r.ours().n()),
              String.valueOf(r.diverged()),
              num(r.paperGain()),
              num(r.ourGain()),
              num(r.ourGainSe()),
              String.valueOf(r.significant()));
      sb.append(String.join(",", f)).append('\n');
    }
    return sb.toString();
  }

  /**
   * {@code multiplier=1;low_frequency=false}: the options that differ from the defaults (the spec's
   * field names).
   */
  static String optionsText(KrOptions o) {
    List<String> parts = new ArrayList<>();
    o.multiplier().ifPresent(v -> parts.add("multiplier=" + v));
    o.reduction().ifPresent(v -> parts.add("reduction=" + v));
    o.step().ifPresent(v -> parts.add("step=" + v));
    if (!o.lowFrequency()) {
      parts.add("low_frequency=false");
    }
    if (!o.krBatchNorm()) {
      parts.add("kr_batch_norm=false");
    }
    if (o.headInput() != HeadInput.FULL) {
      parts.add("head_input=" + o.headInput().label());
    }
    if (o.d0BatchNorm()) {
      parts.add("d0_batch_norm=true");
    }
    o.temperature().ifPresent(t -> parts.add("temperature=" + t.label()));
    return String.join(";", parts);
  }

  /** {@code rows.json}: the table, the protocol line and per row its cells and seed values. */
  public static String json(
      TableSpec table, String protocolLine, List<RowResult> results, List<RunResult> runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("table", table.number());
    root.put("caption", table.caption());
    root.put("protocol", protocolLine);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (RowResult r : results) {
      RowSpec row = r.row();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", row.id());
      m.put("label", row.label());
      m.put("dataset", r.data().dataset());
      m.put("paper_dataset", r.data().paperDataset());
      m.put("backbone", row.backbone());
      m.put("method", row.method());
      m.put("kr", row.kr());
      m.put("options", optionsText(row.options()));
      m.put("variant", RowModels.args(row, r.data().input(), r.data().classes()).label());
      m.put("recipe", row.recipe());
      m.put("copied", row.copied());
      m.put("baseline", row.baseline());
      m.put(
          "paper_flops",
          row.paper().flops().isPresent() ? row.paper().flops().getAsDouble() : null);
      m.put("paper_top1", finite(r.paperTop1()));
      m.put("paper_gain", finite(r.paperGain()));
      m.put("our_flops", r.ourFlops());
      m.put("our_params", r.ourParams());
      m.put("trained_params", r.trainedParams());
      m.put("our_top1_seeds", values(runs, row.id(), r.data().dataset()));
      m.put("our_top1_mean", finite(r.ours().mean()));
      m.put("our_top1_std", finite(r.ours().std()));
      m.put("n", r.ours().n());
      m.put("diverged", r.diverged());
      m.put("our_gain", finite(r.ourGain()));
      m.put("our_gain_se", finite(r.ourGainSe()));
      m.put("significant", r.significant());
      m.put("note", row.note());
      rows.add(m);
    }
    root.put("rows", rows);
    return write(root);
  }

  static String write(Object value) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.valueOf(v) : "";
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains(";")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
