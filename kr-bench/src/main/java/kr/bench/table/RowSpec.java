package kr.bench.table;

import kr.core.graph.Checks;

/**
 * One row the paper prints. Backbone, method and recipe stay names here; {@link RowModels} and
 * {@link Recipes} resolve them.
 *
 * @param id unique within the table, used by {@code --rows} and as the run directory name
 * @param label the row's label as printed
 * @param backbone our registered backbone name
 * @param method dynamic-kernel method: {@code static}, {@code kr} or a baseline ({@code condconv},
 *     {@code dyconv}, {@code odconv1x}, {@code odconv4x}, {@code weightnet}, {@code we}, {@code
 *     dcd})
 * @param kr the KR configuration string ({@code off}, {@code 1x}, {@code 4x}, {@code dyn-4x})
 * @param options Table 6/7 changes on top of {@code kr}
 * @param recipe the training recipe name ({@code deit}, {@code poolformer}, {@code cifar-vit},
 *     {@code odconv-resnet}, {@code odconv-mobilenet})
 * @param baseline id of the row the paper's gain is measured against (itself for a baseline row)
 * @param copied true when the paper copies the row from another paper rather than training it
 * @param paper the paper's cells
 * @param note why our honest FLOPs count differs from the cell, or empty
 * @param control true for a control row that is not in the paper (it has no paper cells), e.g. the
 *     d_0-shortcut controls of Table 6
 */
public record RowSpec(
    String id,
    String label,
    String backbone,
    String method,
    String kr,
    KrOptions options,
    String recipe,
    String baseline,
    boolean copied,
    PaperCells paper,
    String note,
    boolean control) {

  public RowSpec {
    Checks.notNull("id", id);
    Checks.check(
        id.matches("[a-z0-9][a-z0-9.\\-]*"),
        "id",
        id,
        "must be lower-case letters, digits, '.' and '-'");
    Checks.notNull("label", label);
    Checks.notNull("backbone", backbone);
    Checks.notNull("method", method);
    Checks.notNull("kr", kr);
    Checks.notNull("options", options);
    Checks.notNull("recipe", recipe);
    Checks.notNull("baseline", baseline);
    Checks.notNull("paper", paper);
    Checks.notNull("note", note);
    Checks.check(
        control == paper.equals(PaperCells.NONE),
        "paper",
        paper,
        control ? "must be absent in a control row" : "must name at least one dataset");
  }

  /** True when this row is its own baseline. */
  public boolean isBaseline() {
    return baseline.equals(id);
  }
}
