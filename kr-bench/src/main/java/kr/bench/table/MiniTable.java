package kr.bench.table;

import static kr.bench.table.TableSpecs.array;
import static kr.bench.table.TableSpecs.fields;
import static kr.bench.table.TableSpecs.integer;
import static kr.bench.table.TableSpecs.object;
import static kr.bench.table.TableSpecs.optDouble;
import static kr.bench.table.TableSpecs.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import kr.bench.speed.StepRunner;
import kr.core.graph.Checks;

/**
 * A small table run from data ({@code tables/<name>.json}): rows of one of the paper's tables on
 * another backbone, dataset and {@link Budget}, run by the same {@link TableRunner} as {@code kr
 * table} and reported beside that table's paper cells. {@code kr quickstart} runs {@code
 * quickstart}.
 *
 * <p>Format: {@code name}, {@code caption}, {@code table} (the paper table whose rows it takes),
 * {@code backbone} (in place of each row's), {@code dataset}, {@code seeds}, {@code rows} (each
 * {@code id}, {@code from}: the paper row's id, {@code label}), {@code budget} ({@code epochs},
 * {@code steps_per_epoch}, {@code batch_size}, {@code eval_batch_size}, {@code eval_images}, an
 * optional {@code lr}) and {@code full_report} (the command that runs the whole paper table).
 *
 * @param name the spec's name, e.g. {@code quickstart}
 * @param table the derived table: the paper table's number, datasets and input, these rows
 * @param source the paper table's backbone each row replaced, by row id (for the protocol line)
 * @param dataset the dataset the rows train on
 * @param seeds seeds per row
 * @param budget the training budget of every run
 * @param fullReport the command that reproduces the whole paper table
 */
public record MiniTable(
    String name,
    TableSpec table,
    Map<String, String> source,
    String dataset,
    int seeds,
    Budget budget,
    String fullReport) {

  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "caption",
          "table",
          "backbone",
          "dataset",
          "seeds",
          "rows",
          "budget",
          "full_report");
  private static final Set<String> ROW_FIELDS = Set.of("id", "from", "label");
  private static final Set<String> BUDGET_FIELDS =
      Set.of("epochs", "steps_per_epoch", "batch_size", "eval_batch_size", "eval_images", "lr");

  public MiniTable {
    Checks.notNull("name", name);
    Checks.notNull("table", table);
    source = Map.copyOf(Checks.notNull("source", source));
    Checks.notNull("dataset", dataset);
    Checks.positive("seeds", seeds);
    Checks.notNull("budget", budget);
    Checks.notNull("fullReport", fullReport);
  }

  /** The spec {@code tables/<name>.json} from the class path. */
  public static MiniTable load(String name) {
    Checks.check(name.matches("[a-z0-9-]+"), "mini table", name, "must be lower-case-dashed");
    String file = "tables/" + name + ".json";
    return parse(
        file,
        TableSpecs.resource(file)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "mini table '" + name + "' has no " + file + " on the class path")));
  }

  /**
   * Parses a spec; {@code source} names it in errors (one {@link IllegalArgumentException} naming
   * the file and the field or row).
   */
  public static MiniTable parse(String source, String json) {
    JsonNode root = TableSpecs.readJson(source, json);
    try {
      fields(root, FIELDS, "mini table");
      TableSpec paper = TableSpecs.load(integer(root, "table"));
      String backbone = text(root, "backbone");
      List<JsonNode> rows = new ArrayList<>();
      array(root, "rows").forEach(rows::add);
      Checks.check(!rows.isEmpty(), "rows", "[]", "must name at least one row");
      Map<String, String> idOf = new HashMap<>();
      for (JsonNode r : rows) {
        fields(r, ROW_FIELDS, "row");
        idOf.put(text(r, "from"), text(r, "id"));
      }
      List<RowSpec> derived = new ArrayList<>();
      for (JsonNode r : rows) {
        RowSpec from = paper.row(text(r, "from"));
        String id = text(r, "id");
        RowSpec row =
            new RowSpec(
                id,
                text(r, "label"),
                backbone,
                backbone,
                backbone,
                from.method(),
                from.kr(),
                from.options(),
                from.recipe(),
                idOf.getOrDefault(from.baseline(), id),
                false,
                from.paper(),
                "",
                from.control());
        try {
          RowModels.check(row);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("row '" + id + "': " + e.getMessage(), e);
        }
        derived.add(row);
      }
      TableSpec table =
          new TableSpec(
              paper.number(),
              text(root, "caption"),
              paper.datasets(),
              paper.input(),
              paper.paperProtocol(),
              "",
              derived);
      JsonNode b = object(root, "budget");
      fields(b, BUDGET_FIELDS, "budget");
      Budget budget =
          new Budget(
              integer(b, "epochs"),
              integer(b, "steps_per_epoch"),
              integer(b, "batch_size"),
              integer(b, "eval_batch_size"),
              integer(b, "eval_images"),
              optDouble(b, "lr"));
      Map<String, String> replaced =
          rows.stream()
              .collect(
                  Collectors.toMap(
                      r -> r.get("id").asText(),
                      r -> paper.row(r.get("from").asText()).backbone()));
      return new MiniTable(
          text(root, "name"),
          table,
          replaced,
          text(root, "dataset"),
          integer(root, "seeds"),
          budget,
          text(root, "full_report"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** The run's data: {@link #dataset} at the cpu protocol's input, beside the paper's column. */
  public List<RunData> data() {
    return Recipes.data(table, Protocol.CPU, Optional.of(dataset));
  }

  /**
   * The plan of a run into {@code out}.
   *
   * @param dataDir the dataset directory, if not the dataset's own
   * @param command the command line, for the manifest
   */
  public TableRunner.Plan plan(Path out, Optional<Path> dataDir, String command) {
    return new TableRunner.Plan(
        table,
        Protocol.CPU,
        table.rows(),
        data(),
        seeds,
        out,
        dataDir,
        command,
        Optional.of(this),
        StepRunner.Threads.DEFAULT);
  }

  /** One line: what this mini table runs in place of the paper's protocol. */
  public String describe() {
    String backbones =
        source.values().stream().distinct().sorted().collect(Collectors.joining(", "));
    String ours =
        table.rows().stream().map(RowSpec::backbone).distinct().collect(Collectors.joining(", "));
    return "protocol "
        + name
        + ": "
        + dataset
        + " in place of the paper's data, "
        + ours
        + " in place of "
        + backbones
        + "; "
        + budget.describe()
        + "; paper: "
        + table.paperProtocol();
  }
}
