package kr.bench.table;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;

/**
 * One of the paper's tables: what it reports on and every row it prints, in the paper's order.
 *
 * @param number the paper's table number (1–7)
 * @param caption the caption as printed
 * @param datasets the datasets the table has top-1 columns for
 * @param input the input the paper trains and counts FLOPs at
 * @param paperProtocol the paper's training protocol, in words
 * @param trainingNote why some rows train another backbone than the one the FLOPs columns count
 *     (empty when none does)
 * @param rows the rows, ids unique, each row's baseline a row of this table
 */
public record TableSpec(
    int number,
    String caption,
    List<DatasetRef> datasets,
    InputSpec input,
    String paperProtocol,
    String trainingNote,
    List<RowSpec> rows) {

  public TableSpec {
    Checks.check(number >= 1 && number <= 7, "table", number, "must be 1..7");
    Checks.notNull("caption", caption);
    datasets = List.copyOf(Checks.notNull("datasets", datasets));
    Checks.check(!datasets.isEmpty(), "datasets", datasets, "must not be empty");
    Checks.notNull("input", input);
    Checks.notNull("paperProtocol", paperProtocol);
    Checks.notNull("trainingNote", trainingNote);
    rows = List.copyOf(Checks.notNull("rows", rows));
    Checks.check(!rows.isEmpty(), "rows", rows, "must not be empty");
    Set<String> ids = new HashSet<>();
    for (RowSpec r : rows) {
      Checks.check(ids.add(r.id()), "row id", r.id(), "must be unique in table " + number);
    }
    for (RowSpec r : rows) {
      Checks.check(
          ids.contains(r.baseline()),
          "row " + r.id() + " baseline",
          r.baseline(),
          "must be a row of table " + number);
      for (DatasetRef d : datasets) {
        Checks.check(
            r.control() || r.paper().top1().containsKey(d.name()),
            "row " + r.id() + " paper.top1",
            r.paper().top1().keySet(),
            "must have a cell for dataset " + d.name());
      }
    }
  }

  /** The row with {@code id}; an unknown id lists the known ones. */
  public RowSpec row(String id) {
    return rows.stream()
        .filter(r -> r.id().equals(id))
        .findFirst()
        .orElseThrow(() -> noSuch("row", id, rowIds()));
  }

  private String rowIds() {
    return String.join(", ", rows.stream().map(RowSpec::id).toList());
  }

  /** "table N has no {what} '{name}'; {what}s: {known}". */
  private IllegalArgumentException noSuch(String what, String name, String known) {
    return new IllegalArgumentException(
        "table " + number + " has no " + what + " '" + name + "'; " + what + "s: " + known);
  }

  /** The baseline row of {@code row}. */
  public RowSpec baselineOf(RowSpec row) {
    return row(row.baseline());
  }

  /**
   * The rows whose id matches the glob ({@code *} for all, {@code vit-nano-*}, a comma-separated
   * list of globs), in table order; a glob matching nothing fails naming it.
   */
  public List<RowSpec> select(String globs) {
    Checks.notNull("rows", globs);
    List<PathMatcher> matchers = new ArrayList<>();
    for (String g : globs.split(",")) {
      String glob = g.trim();
      Checks.check(!glob.isEmpty(), "--rows", globs, "must list row ids or globs");
      PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
      Checks.check(
          rows.stream().anyMatch(r -> m.matches(Path.of(r.id()))),
          "--rows",
          glob,
          "matches no row of table " + number + " (rows: " + rowIds() + ")");
      matchers.add(m);
    }
    return rows.stream()
        .filter(r -> matchers.stream().anyMatch(m -> m.matches(Path.of(r.id()))))
        .toList();
  }

  /** The dataset reference named {@code name}. */
  public DatasetRef dataset(String name) {
    return datasets.stream()
        .filter(d -> d.name().equals(name))
        .findFirst()
        .orElseThrow(
            () -> noSuch("dataset", name, datasets.stream().map(DatasetRef::name).toList() + ""));
  }
}
