package kr.bench.plot;

import java.util.ArrayList;
import java.util.List;
import kr.bench.plot.AccuracyPoint.Source;

/**
 * The paper's ImageNet-1k top-1 and FLOPs of the static, ODConv (4×) and KR (1×, 4×) rows of Tables
 * 1 (ViT), 3 (PoolFormer), 4 (ResNet) and 5 (MobileNetV2): the points of Fig. 1a. FLOPs as printed
 * (G = 1e9, M = 1e6).
 */
public final class PaperPoints {
  public static final String STATIC = "Static";
  public static final String ODCONV_4X = "ODConv 4x";
  public static final String KR_1X = "KR 1x";
  public static final String KR_4X = "KR 4x";

  private PaperPoints() {}

  /** Every row listed above, in table order. */
  public static List<AccuracyPoint> imagenet() {
    List<AccuracyPoint> p = new ArrayList<>();
    // model, then (FLOPs, top-1) of static, ODConv 4x (0 = not in the table), KR 1x, KR 4x
    row(p, "ViT-Nano", 0.61e9, 67.5, 0.62e9, 71.8, 0.61e9, 71.0, 0.62e9, 73.8);
    row(p, "ViT-Tiny", 1.26e9, 72.2, 1.28e9, 75.5, 1.27e9, 75.8, 1.29e9, 76.6);
    row(p, "ViT-Small", 4.61e9, 79.8, 4.70e9, 80.4, 4.64e9, 80.4, 4.71e9, 80.6);
    row(p, "PoolFormer-S12", 1.82e9, 77.2, 0, 0, 1.84e9, 78.2, 1.88e9, 79.0);
    row(p, "ResNet-18", 1.81e9, 70.3, 1.92e9, 73.9, 1.85e9, 73.3, 1.93e9, 74.2);
    row(p, "ResNet-50", 3.86e9, 76.2, 4.08e9, 78.5, 3.93e9, 78.3, 4.09e9, 78.7);
    row(p, "MobileNetV2 1.0", 301e6, 71.7, 327e6, 75.4, 315e6, 74.9, 331e6, 75.5);
    row(p, "MobileNetV2 0.75", 209e6, 69.2, 226e6, 73.8, 220e6, 72.8, 230e6, 74.0);
    row(p, "MobileNetV2 0.5", 97e6, 64.3, 106e6, 70.0, 105e6, 68.5, 109e6, 70.3);
    return List.copyOf(p);
  }

  private static void row(
      List<AccuracyPoint> out,
      String model,
      double staticFlops,
      double staticTop1,
      double odFlops,
      double odTop1,
      double kr1Flops,
      double kr1Top1,
      double kr4Flops,
      double kr4Top1) {
    out.add(new AccuracyPoint(STATIC, model, staticFlops, staticTop1, Source.PAPER));
    if (odFlops > 0) {
      out.add(new AccuracyPoint(ODCONV_4X, model, odFlops, odTop1, Source.PAPER));
    }
    out.add(new AccuracyPoint(KR_1X, model, kr1Flops, kr1Top1, Source.PAPER));
    out.add(new AccuracyPoint(KR_4X, model, kr4Flops, kr4Top1, Source.PAPER));
  }
}
