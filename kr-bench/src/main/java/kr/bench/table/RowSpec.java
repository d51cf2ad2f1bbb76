package kr.bench.table;

import kr.core.graph.Checks;

/**
 * One row the paper prints. Backbone, method and recipe stay names here; {@link RowModels} and
 * {@link Recipes} resolve them.
 *
 * @param id unique within the table, used by {@code --rows} and as the run directory name
 * @param label the row's label as printed
 * @param backbone our registered backbone name: the paper's model, whose FLOPs and params the
 *     report prints
 * @param trainingBackbone the backbone the {@code paper} protocol trains (the table's {@code
 *     training_backbones} entry for {@code backbone}, e.g. {@code resnet50-v1.5}, the layout of the
 *     code the paper's copied baselines come from; {@code backbone} itself when none)
 * @param smallInputBackbone the backbone the {@code cpu} and {@code smoke} protocols train at 28×28
 *     (the table's {@code small_input_backbones} entry for {@code backbone}, e.g. {@code
 *     resnet18-cifar}; {@code backbone} itself when the table names none, as for the ViTs, whose
 *     patch follows the input)
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
    String trainingBackbone,
    String smallInputBackbone,
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
    Checks.notNull("trainingBackbone", trainingBackbone);
    Checks.notNull("smallInputBackbone", smallInputBackbone);
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

  /**
   * The backbone a run under {@code protocol} trains: {@link #trainingBackbone} for the paper
   * protocol, {@link #smallInputBackbone} for the cpu and smoke protocols.
   */
  public String backboneFor(Protocol protocol) {
    return Checks.notNull("protocol", protocol) == Protocol.PAPER
        ? trainingBackbone
        : smallInputBackbone;
  }

  /** True when this row is its own baseline. */
  public boolean isBaseline() {
    return baseline.equals(id);
  }
}
