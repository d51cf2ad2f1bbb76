package kr.bench.table;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.HeadInput;
import kr.core.model.InputSpec;

/**
 * Reads the table specifications {@code tables/t1.json} … {@code t7.json} from the class path. A
 * bad file fails with one {@link IllegalArgumentException} naming the file, the row and the field.
 *
 * <p>Format: {@code table}, {@code caption}, {@code datasets} ({@code name}, {@code classes}),
 * {@code input} ({@code height}, {@code width}, {@code channels}), {@code paper_protocol} and
 * {@code rows}, and optionally {@code small_input_backbones}: an object from a row backbone to the
 * backbone the {@code cpu} and {@code smoke} protocols train in its place at 28×28 (e.g. {@code
 * "resnet18": "resnet18-cifar"}; a backbone not listed trains as it is), {@code
 * training_backbones}: the same for the {@code paper} protocol (e.g. {@code "resnet50":
 * "resnet50-v1.5"}), and {@code training_note}: one line on why, printed with the protocol; a row
 * has {@code id}, {@code label}, {@code backbone}, {@code method}, {@code kr}, optional {@code
 * options} ({@code multiplier}, {@code reduction}, {@code step}, {@code low_frequency}, {@code
 * kr_batch_norm}, {@code head_input}, {@code d0_batch_norm}, {@code temperature}), {@code recipe},
 * {@code baseline}, {@code copied}, {@code paper} ({@code flops} optional, {@code top1} per
 * dataset, {@code params} optional) and an optional {@code note}.
 */
public final class TableSpecs {
  private TableSpecs() {}

  /** The table numbers with a specification. */
  public static final List<Integer> NUMBERS = List.of(1, 2, 3, 4, 5, 6, 7);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> TABLE_FIELDS =
      Set.of(
          "table",
          "caption",
          "datasets",
          "input",
          "paper_protocol",
          "small_input_backbones",
          "training_backbones",
          "training_note",
          "rows");
  private static final Set<String> ROW_FIELDS =
      Set.of(
          "id",
          "label",
          "backbone",
          "method",
          "kr",
          "options",
          "recipe",
          "baseline",
          "copied",
          "paper",
          "note",
          "control");
  private static final Set<String> OPTION_FIELDS =
      Set.of(
          "multiplier",
          "reduction",
          "step",
          "low_frequency",
          "kr_batch_norm",
          "head_input",
          "d0_batch_norm",
          "temperature");

  /** Every table, in order. */
  public static List<TableSpec> all() {
    return NUMBERS.stream().map(TableSpecs::load).toList();
  }

  /** Table {@code number} (1–7). */
  public static TableSpec load(int number) {
    if (!NUMBERS.contains(number)) {
      throw new IllegalArgumentException("table must be 1..7, got " + number);
    }
    String file = "tables/t" + number + ".json";
    return parse(
        file,
        resource(file).orElseThrow(() -> new IllegalStateException("missing resource " + file)));
  }

  /** The text of a class-path resource, if there is one. */
  static Optional<String> resource(String file) {
    try (InputStream in = TableSpecs.class.getClassLoader().getResourceAsStream(file)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses {@code json}; not JSON is one line naming {@code source}. */
  static JsonNode readJson(String source, String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(source + ": not valid JSON: " + e.getOriginalMessage());
    }
  }

  /**
   * Parses one specification; {@code source} names it in errors. Backbone and method names are
   * checked against the registries ({@link RowModels#check}).
   */
  public static TableSpec parse(String source, String json) {
    JsonNode root = readJson(source, json);
    String where = source;
    try {
      fields(root, TABLE_FIELDS, "table");
      int number = integer(root, "table");
      List<DatasetRef> datasets = new ArrayList<>();
      for (JsonNode d : array(root, "datasets")) {
        datasets.add(new DatasetRef(text(d, "name"), integer(d, "classes")));
      }
      JsonNode in = object(root, "input");
      InputSpec input =
          new InputSpec(integer(in, "height"), integer(in, "width"), integer(in, "channels"));
      Map<String, String> small = backboneMap(root, "small_input_backbones");
      Map<String, String> training = backboneMap(root, "training_backbones");
      List<RowSpec> rows = new ArrayList<>();
      int index = 0;
      for (JsonNode r : array(root, "rows")) {
        index++;
        where =
            source
                + " row "
                + (r.hasNonNull("id") ? "'" + r.get("id").asText() + "'" : "#" + index);
        RowSpec row = row(r, training, small);
        RowModels.check(row);
        rows.add(row);
      }
      where = source;
      return new TableSpec(
          number,
          text(root, "caption"),
          datasets,
          input,
          text(root, "paper_protocol"),
          root.has("training_note") ? text(root, "training_note") : "",
          rows);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
    }
  }

  /** An optional object of backbone names to backbone names. */
  private static Map<String, String> backboneMap(JsonNode root, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    if (root.has(field)) {
      for (Map.Entry<String, JsonNode> e : object(root, field).properties()) {
        if (!e.getValue().isTextual()) {
          throw new IllegalArgumentException(
              field + "." + e.getKey() + " must be a backbone name, got " + e.getValue());
        }
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    return out;
  }

  private static RowSpec row(
      JsonNode r, Map<String, String> training, Map<String, String> smallInput) {
    fields(r, ROW_FIELDS, "row");
    KrOptions options = KrOptions.NONE;
    if (r.has("options")) {
      JsonNode o = object(r, "options");
      fields(o, OPTION_FIELDS, "options");
      options =
          new KrOptions(
              optInt(o, "multiplier"),
              optInt(o, "reduction"),
              optInt(o, "step"),
              bool(o, "low_frequency", true),
              bool(o, "kr_batch_norm", true),
              o.has("head_input") ? HeadInput.parse(text(o, "head_input")) : HeadInput.FULL,
              bool(o, "d0_batch_norm", false),
              o.has("temperature")
                  ? Optional.of(TemperatureSchedule.parse(text(o, "temperature")))
                  : Optional.empty());
    }
    boolean control = bool(r, "control", false);
    PaperCells cells = control && !r.has("paper") ? PaperCells.NONE : paper(object(r, "paper"));
    String backbone = text(r, "backbone");
    return new RowSpec(
        text(r, "id"),
        text(r, "label"),
        backbone,
        training.getOrDefault(backbone, backbone),
        smallInput.getOrDefault(backbone, backbone),
        text(r, "method"),
        text(r, "kr"),
        options,
        text(r, "recipe"),
        text(r, "baseline"),
        bool(r, "copied", false),
        cells,
        r.has("note") ? text(r, "note") : "",
        control);
  }

  private static PaperCells paper(JsonNode p) {
    Map<String, Double> top1 = new LinkedHashMap<>();
    JsonNode t = object(p, "top1");
    for (Map.Entry<String, JsonNode> e : t.properties()) {
      if (!e.getValue().isNumber()) {
        throw new IllegalArgumentException("paper.top1." + e.getKey() + " must be a number");
      }
      top1.put(e.getKey(), e.getValue().asDouble());
    }
    return new PaperCells(optDouble(p, "flops"), top1, optDouble(p, "params"));
  }

  static void fields(JsonNode n, Set<String> known, String what) {
    if (!n.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!known.contains(f)) {
        throw new IllegalArgumentException(
            "unknown "
                + what
                + " field '"
                + f
                + "'; known: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  static JsonNode get(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  static String text(JsonNode n, String field) {
    JsonNode v = get(n, field);
    if (!v.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string, got " + v);
    }
    return v.asText();
  }

  static int integer(JsonNode n, String field) {
    JsonNode v = get(n, field);
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(field + " must be an integer, got " + v);
    }
    return v.asInt();
  }

  static boolean bool(JsonNode n, String field, boolean absent) {
    JsonNode v = n.get(field);
    if (v == null) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw new IllegalArgumentException(field + " must be true or false, got " + v);
    }
    return v.asBoolean();
  }

  static OptionalInt optInt(JsonNode n, String field) {
    return n.has(field) ? OptionalInt.of(integer(n, field)) : OptionalInt.empty();
  }

  static OptionalDouble optDouble(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null) {
      return OptionalDouble.empty();
    }
    if (!v.isNumber()) {
      throw new IllegalArgumentException(field + " must be a number, got " + v);
    }
    return OptionalDouble.of(v.asDouble());
  }

  static JsonNode object(JsonNode n, String field) {
    JsonNode v = get(n, field);
    if (!v.isObject()) {
      throw new IllegalArgumentException(field + " must be a JSON object");
    }
    return v;
  }

  static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode v = get(n, field);
    if (!v.isArray()) {
      throw new IllegalArgumentException(field + " must be a JSON array");
    }
    return v;
  }
}
