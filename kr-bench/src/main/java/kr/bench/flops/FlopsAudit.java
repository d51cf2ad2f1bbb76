package kr.bench.flops;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.bench.report.ModelCost;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;

/**
 * Our FLOPs against the paper's FLOPs columns, table by table. Every model row of the paper is one
 * {@link Row} of {@link #ROWS}; each registered backbone is built (not run) at batch 1 at the
 * row's input and its multiply-accumulates are read from the build ledger, its parameters from the
 * parameter store ({@link ModelCost}). FLOPs = MACs of conv, linear and attention products per
 * image, decimal units (docs/flops-convention.md).
 *
 * <p>A row whose backbone is not registered is reported as "not available". A row whose cell an
 * honest count cannot reach carries a one-line {@link Row#note() note}; the counter is never
 * adjusted to fit a cell.
 */
public final class FlopsAudit {
  private FlopsAudit() {}

  /** The paper's 4× cells follow ODConv's counting convention, not a plain n·P MAC count. */
  static final String ODCONV_4X = "paper's 4x cells follow ODConv's count (KR4x-KR1x = ~7P, "
      + "i.e. ~(2n+1)P kernel aggregation); kr-core counts n*P MACs";
  /** The seed paper's slim rows match no reproducible convention (docs/flops-convention.md). */
  static final String SLIM = "paper's ResNet-18 slim dynamic rows fit no reproducible count "
      + "(docs/flops-convention.md); ours counts n*P";
  /** The DCD cells are reported numbers whose counting convention is unknown. */
  static final String DCD = "paper's DCD cells are reported with an unknown convention "
      + "(docs/flops-convention.md); a literal count of the official code (ours) is higher";
  /** The seed paper's slim ODConv cells do not follow ODConv's own (fitted) count. */
  static final String SLIM_ODCONV = "seed paper's slim ODConv cells fit no reproducible count "
      + "(docs/flops-convention.md: ODConv's convention gives 1.356G/1.384G, as ours)";
  /** CondConv on MobileNetV2 1.0: the 8·P recount is above the cell. */
  static final String CONDCONV_MBV2 = "8*P kernel aggregation counts 322.9M "
      + "(docs/flops-convention.md: +1.5% over the cell, convention unknown)";
  /** CondConv on MobileNetV2 0.75: the cell is not monotone with its neighbours. */
  static final String CONDCONV_075 = "cell 239M looks like a typo (above DyConv 220M and the "
      + "1.0x/0.5x CondConv pattern); 8*P aggregation counts 226.1M";

  /** The v1.5 layout is listed for comparison; the paper's cells count v1. */
  static final String V15 = "v1.5 layout (stride on the 3x3, torchvision/ODConv code); the "
      + "paper counts v1 (resnet50)";

  /**
   * One model row of a paper table.
   *
   * @param table the paper's table number (1–7)
   * @param model the row label as printed in the paper
   * @param backbone our registered backbone name
   * @param method the dynamic-kernel method: static, KR 1×/4× (or a Table 7 variation of it), or
   *     a baseline such as {@code odconv4x}
   * @param input the paper's input for this row
   * @param classes classes of the row's dataset
   * @param paper the paper's cell, in FLOPs (decimal)
   * @param note why our honest count differs, or empty
   */
  public record Row(int table, String model, String backbone, DynamicKernelMethod method,
      InputSpec input, int classes, double paper, String note) {

    public Row {
      Checks.check(table >= 1 && table <= 7, "table", table, "must be 1..7");
      Checks.notNull("model", model);
      Checks.notNull("backbone", backbone);
      Checks.notNull("method", method);
      Checks.notNull("input", input);
      Checks.positive("classes", classes);
      Checks.positive("paper", paper);
      Checks.notNull("note", note);
    }

    /** An ImageNet row: 224×224 RGB, 1000 classes. */
    static Row imagenet(int table, String model, String backbone, DynamicKernelMethod method,
        double paper) {
      return new Row(table, model, backbone, method, InputSpec.imagenet(), 1000, paper, "");
    }

    /** An ImageNet row of a registered dynamic-kernel baseline ({@code method} e.g. odconv4x). */
    static Row method(int table, String model, String backbone, String method, double paper) {
      return imagenet(table, model, backbone, DynamicKernelMethods.get(method), paper);
    }

    /** A CIFAR row: 32×32 RGB, 10 classes. */
    static Row cifar(int table, String model, String backbone, DynamicKernelMethod method,
        double paper) {
      return new Row(table, model, backbone, method, InputSpec.cifar(), 10, paper, "");
    }

    Row withNote(String why) {
      return new Row(table, model, backbone, method, input, classes, paper, why);
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

  private static final DynamicKernelMethod STATIC = StaticMethod.INSTANCE;

  private static DynamicKernelMethod kr(KrConfig config) {
    return new KrMethod(config);
  }

  private static final double G = 1e9;
  private static final double M = 1e6;

  /** Every audited row, in table order. Adding a row is one line. */
  public static final List<Row> ROWS = List.of(
      // ---- Table 1: ViT on ImageNet.
      Row.imagenet(1, "ViT-Nano", "vit-nano", STATIC, 0.61 * G),
      Row.imagenet(1, "ViT-Nano +KR (1x)", "vit-nano", kr(KrConfig.kr1x()), 0.61 * G),
      Row.imagenet(1, "ViT-Nano +KR (4x)", "vit-nano", kr(KrConfig.kr4x()), 0.62 * G),
      Row.imagenet(1, "ViT-Tiny", "vit-tiny", STATIC, 1.26 * G),
      Row.imagenet(1, "ViT-Tiny +KR (1x)", "vit-tiny", kr(KrConfig.kr1x()), 1.27 * G),
      Row.imagenet(1, "ViT-Tiny +KR (4x)", "vit-tiny", kr(KrConfig.kr4x()), 1.29 * G),
      Row.imagenet(1, "ViT-Small", "vit-small", STATIC, 4.61 * G),
      Row.imagenet(1, "ViT-Small +KR (1x)", "vit-small", kr(KrConfig.kr1x()), 4.64 * G),
      Row.imagenet(1, "ViT-Small +KR (4x)", "vit-small", kr(KrConfig.kr4x()), 4.71 * G),
      // ODConv on ViT: fc1/fc2 as 1x1 ODConv (the reading the FLOPs pick; see Vit's Javadoc).
      Row.method(1, "ViT-Nano +ODConv (4x)", "vit-nano", "odconv4x", 0.62 * G),
      Row.method(1, "ViT-Tiny +ODConv (4x)", "vit-tiny", "odconv4x", 1.28 * G),
      Row.method(1, "ViT-Small +ODConv (4x)", "vit-small", "odconv4x", 4.70 * G),
      // ---- Table 2: ViT on CIFAR (4x4 patches).
      Row.cifar(2, "ViT-Nano", "vit-nano-cifar", STATIC, 168 * M),
      Row.cifar(2, "ViT-Nano +KR (1x)", "vit-nano-cifar", kr(KrConfig.kr1x()), 176 * M),
      Row.cifar(2, "ViT-Nano +KR (4x)", "vit-nano-cifar", kr(KrConfig.kr4x()), 182 * M),
      Row.cifar(2, "ViT-Tiny", "vit-tiny-cifar", STATIC, 367 * M),
      Row.cifar(2, "ViT-Tiny +KR (1x)", "vit-tiny-cifar", kr(KrConfig.kr1x()), 383 * M),
      Row.cifar(2, "ViT-Tiny +KR (4x)", "vit-tiny-cifar", kr(KrConfig.kr4x()), 396 * M),
      // ---- Table 3: PoolFormer-S12 on ImageNet.
      Row.imagenet(3, "PoolFormer-S12", "poolformer-s12", STATIC, 1.82 * G),
      Row.imagenet(3, "PoolFormer-S12 +KR (1x)", "poolformer-s12", kr(KrConfig.kr1x()), 1.84 * G),
      Row.imagenet(3, "PoolFormer-S12 +KR (4x)", "poolformer-s12", kr(KrConfig.kr4x()), 1.88 * G),
      // ---- Table 4: ResNets on ImageNet.
      Row.imagenet(4, "ResNet-18 slim", "resnet18-slim", STATIC, 1.35 * G),
      Row.imagenet(4, "ResNet-18 slim +KR (1x)", "resnet18-slim", kr(KrConfig.kr1x()), 1.38 * G),
      Row.imagenet(4, "ResNet-18 slim +KR (4x)", "resnet18-slim", kr(KrConfig.kr4x()), 1.45 * G)
          .withNote(SLIM),
      Row.method(4, "ResNet-18 slim +ODConv (1x)", "resnet18-slim", "odconv1x", 1.37 * G)
          .withNote(SLIM_ODCONV),
      Row.method(4, "ResNet-18 slim +ODConv (4x)", "resnet18-slim", "odconv4x", 1.44 * G)
          .withNote(SLIM_ODCONV),
      Row.imagenet(4, "ResNet-18", "resnet18", STATIC, 1.81 * G),
      Row.imagenet(4, "ResNet-18 +KR (1x)", "resnet18", kr(KrConfig.kr1x()), 1.85 * G),
      Row.imagenet(4, "ResNet-18 +KR (4x)", "resnet18", kr(KrConfig.kr4x()), 1.93 * G)
          .withNote(ODCONV_4X),
      Row.method(4, "ResNet-18 +CondConv (8x)", "resnet18", "condconv", 1.89 * G),
      Row.method(4, "ResNet-18 +DyConv (4x)", "resnet18", "dyconv", 1.86 * G),
      Row.method(4, "ResNet-18 +WeightNet", "resnet18", "weightnet", 1.83 * G),
      Row.method(4, "ResNet-18 +WE", "resnet18", "we", 1.82 * G),
      Row.method(4, "ResNet-18 +DCD", "resnet18", "dcd", 1.84 * G)
          .withNote(DCD),
      Row.method(4, "ResNet-18 +ODConv (1x)", "resnet18", "odconv1x", 1.84 * G),
      Row.method(4, "ResNet-18 +ODConv (4x)", "resnet18", "odconv4x", 1.92 * G),
      Row.imagenet(4, "ResNet-50", "resnet50", STATIC, 3.86 * G),
      Row.imagenet(4, "ResNet-50 +KR (1x)", "resnet50", kr(KrConfig.kr1x()), 3.93 * G),
      Row.imagenet(4, "ResNet-50 +KR (4x)", "resnet50", kr(KrConfig.kr4x()), 4.09 * G)
          .withNote(ODCONV_4X),
      Row.method(4, "ResNet-50 +CondConv (8x)", "resnet50", "condconv", 3.98 * G),
      Row.method(4, "ResNet-50 +DyConv (4x)", "resnet50", "dyconv", 3.97 * G),
      Row.method(4, "ResNet-50 +WeightNet", "resnet50", "weightnet", 3.89 * G),
      Row.method(4, "ResNet-50 +WE", "resnet50", "we", 3.86 * G),
      Row.method(4, "ResNet-50 +DCD", "resnet50", "dcd", 3.94 * G)
          .withNote(DCD),
      Row.method(4, "ResNet-50 +ODConv (1x)", "resnet50", "odconv1x", 3.92 * G),
      Row.method(4, "ResNet-50 +ODConv (4x)", "resnet50", "odconv4x", 4.08 * G),
      Row.imagenet(4, "ResNet-50", "resnet50-v1.5", STATIC, 3.86 * G).withNote(V15),
      Row.imagenet(4, "ResNet-50 +KR (1x)", "resnet50-v1.5", kr(KrConfig.kr1x()), 3.93 * G)
          .withNote(V15),
      Row.imagenet(4, "ResNet-50 +KR (4x)", "resnet50-v1.5", kr(KrConfig.kr4x()), 4.09 * G)
          .withNote(V15),
      // ---- Table 5: MobileNetV2 on ImageNet.
      Row.imagenet(5, "MobileNetV2 (1.0x)", "mobilenetv2-1.0", STATIC, 301 * M),
      Row.imagenet(5, "MobileNetV2 (1.0x) +KR (1x)", "mobilenetv2-1.0", kr(KrConfig.kr1x()),
          315 * M),
      Row.imagenet(5, "MobileNetV2 (1.0x) +KR (4x)", "mobilenetv2-1.0", kr(KrConfig.kr4x()),
          331 * M).withNote(ODCONV_4X),
      Row.method(5, "MobileNetV2 (1.0x) +CondConv (8x)", "mobilenetv2-1.0", "condconv", 318 * M)
          .withNote(CONDCONV_MBV2),
      Row.method(5, "MobileNetV2 (1.0x) +DyConv (4x)", "mobilenetv2-1.0", "dyconv", 317 * M),
      Row.method(5, "MobileNetV2 (1.0x) +DCD", "mobilenetv2-1.0", "dcd", 318 * M)
          .withNote(DCD),
      Row.method(5, "MobileNetV2 (1.0x) +ODConv (1x)", "mobilenetv2-1.0", "odconv1x", 311 * M),
      Row.method(5, "MobileNetV2 (1.0x) +ODConv (4x)", "mobilenetv2-1.0", "odconv4x", 327 * M),
      Row.imagenet(5, "MobileNetV2 (0.75x)", "mobilenetv2-0.75", STATIC, 209 * M),
      Row.imagenet(5, "MobileNetV2 (0.75x) +KR (1x)", "mobilenetv2-0.75", kr(KrConfig.kr1x()),
          220 * M),
      Row.imagenet(5, "MobileNetV2 (0.75x) +KR (4x)", "mobilenetv2-0.75", kr(KrConfig.kr4x()),
          230 * M).withNote(ODCONV_4X),
      Row.method(5, "MobileNetV2 (0.75x) +CondConv (8x)", "mobilenetv2-0.75", "condconv", 239 * M)
          .withNote(CONDCONV_075),
      Row.method(5, "MobileNetV2 (0.75x) +DyConv (4x)", "mobilenetv2-0.75", "dyconv", 220 * M),
      Row.method(5, "MobileNetV2 (0.75x) +DCD", "mobilenetv2-0.75", "dcd", 223 * M)
          .withNote(DCD),
      Row.method(5, "MobileNetV2 (0.75x) +ODConv (1x)", "mobilenetv2-0.75", "odconv1x", 217 * M),
      Row.method(5, "MobileNetV2 (0.75x) +ODConv (4x)", "mobilenetv2-0.75", "odconv4x", 226 * M),
      Row.imagenet(5, "MobileNetV2 (0.5x)", "mobilenetv2-0.5", STATIC, 97 * M),
      Row.imagenet(5, "MobileNetV2 (0.5x) +KR (1x)", "mobilenetv2-0.5", kr(KrConfig.kr1x()),
          105 * M),
      Row.imagenet(5, "MobileNetV2 (0.5x) +KR (4x)", "mobilenetv2-0.5", kr(KrConfig.kr4x()),
          109 * M),
      Row.method(5, "MobileNetV2 (0.5x) +CondConv (8x)", "mobilenetv2-0.5", "condconv", 110 * M),
      Row.method(5, "MobileNetV2 (0.5x) +DyConv (4x)", "mobilenetv2-0.5", "dyconv", 103 * M),
      Row.method(5, "MobileNetV2 (0.5x) +DCD", "mobilenetv2-0.5", "dcd", 106 * M)
          .withNote(DCD),
      Row.method(5, "MobileNetV2 (0.5x) +ODConv (1x)", "mobilenetv2-0.5", "odconv1x", 102 * M),
      Row.method(5, "MobileNetV2 (0.5x) +ODConv (4x)", "mobilenetv2-0.5", "odconv4x", 106 * M),
      // ---- Table 7: ViT-Nano KR4x on ImageNet, one hyper-parameter changed ("dimension of KR"
      // read as the growth per transformer layer, 2 x step).
      Row.imagenet(7, "Default", "vit-nano", kr(KrConfig.kr4x()), 622 * M),
      Row.imagenet(7, "Parameter multiplier 4 => 1", "vit-nano", kr(KrConfig.kr4x().withMultiplier(1)),
          612 * M),
      Row.imagenet(7, "Parameter multiplier 4 => 2", "vit-nano", kr(KrConfig.kr4x().withMultiplier(2)),
          615 * M),
      Row.imagenet(7, "Parameter multiplier 4 => 8", "vit-nano", kr(KrConfig.kr4x().withMultiplier(8)),
          635 * M),
      Row.imagenet(7, "Reduction ratio 8 => 4", "vit-nano", kr(KrConfig.kr4x().withReduction(4)),
          627 * M),
      Row.imagenet(7, "Reduction ratio 8 => 16", "vit-nano", kr(KrConfig.kr4x().withReduction(16)),
          619 * M),
      Row.imagenet(7, "Dimensions of KR 64 => 32", "vit-nano", kr(KrConfig.kr4x().withStep(16)),
          619 * M),
      Row.imagenet(7, "Dimensions of KR 64 => 128", "vit-nano", kr(KrConfig.kr4x().withStep(64)),
          628 * M));

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
    List<String> known = Backbones.list();
    List<Result> out = new ArrayList<>();
    for (Row r : rows(tables)) {
      if (!known.contains(r.backbone())) {
        out.add(new Result(r, false, 0, 0));
        continue;
      }
      ModelCost cost = ModelCost.of(Backbones.create(r.backbone(), r.args()), r.input());
      out.add(new Result(r, true, cost.macs(), cost.params()));
    }
    return out;
  }

  private static final String[] HEADER = {"table", "model", "backbone", "variant",
      "paper FLOPs", "our FLOPs", "diff %", "our params", "note"};

  private static String[] cells(Result res) {
    Row r = res.row();
    if (!res.available()) {
      return new String[] {"T" + r.table(), r.model(), r.backbone(), r.variant(),
          human(r.paper()), "not available", "", "", "backbone not registered"};
    }
    return new String[] {"T" + r.table(), r.model(), r.backbone(), r.variant(),
        human(r.paper()), human(res.macs()),
        String.format(Locale.ROOT, "%+.1f", res.diffPercent()),
        String.format(Locale.ROOT, "%.2fM", res.params() / 1e6), r.note()};
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
    StringBuilder sb = new StringBuilder(
        "table,model,backbone,variant,paper_flops,our_flops,diff_percent,our_params,note\n");
    for (Result res : results) {
      Row r = res.row();
      sb.append(r.table()).append(',').append(quote(r.model())).append(',')
          .append(r.backbone()).append(',').append(r.variant()).append(',')
          .append(String.format(Locale.ROOT, "%.0f", r.paper())).append(',');
      if (res.available()) {
        sb.append(res.macs()).append(',')
            .append(String.format(Locale.ROOT, "%.2f", res.diffPercent())).append(',')
            .append(res.params()).append(',').append(quote(r.note()));
      } else {
        sb.append(",,,").append(quote("not available: backbone not registered"));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** 1.814G, 300.8M, 11.69M: decimal units. */
  static String human(double v) {
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
