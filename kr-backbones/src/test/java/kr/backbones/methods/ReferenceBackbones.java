package kr.backbones.methods;

import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Padding;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * ResNet-18 and MobileNetV2 written against {@link DynamicKernelMethod} only: the integration
 * recipe for the real backbones (torchvision layouts, ODConv parameter paths), used to check
 * whole-network parameter and FLOP counts.
 */
final class ReferenceBackbones {
  private ReferenceBackbones() {}

  static <T extends TFloating> Operand<T> resnet18(
      BuildContext<T> ctx, DynamicKernelMethod m, Operand<T> images, int classes) {
    KrState<T> s = new KrState<>(images, KernelRepresentation.none());
    BuildContext<T> stem = ctx.child("stem");
    s =
        m.conv(
            stem, "conv", ConvGeometry.of((int) images.shape().get(3), 64, 7, 2), s, ConvRole.STEM);
    Operand<T> x = Activation.RELU.apply(stem, new BatchNorm("bn").apply(stem, s.x()));
    s = s.withX(Pooling.max("pool", 3, 2, Padding.of(1)).apply(stem, x));
    int[] widths = {64, 128, 256, 512};
    int in = 64;
    int index = 0;
    int count = 8;
    for (int stage = 0; stage < 4; stage++) {
      for (int blk = 0; blk < 2; blk++) {
        int stride = stage > 0 && blk == 0 ? 2 : 1;
        int planes = widths[stage];
        BuildContext<T> c = ctx.child("stage" + (stage + 1)).child("block" + (blk + 1));
        BlockScope<T> b = m.block(c, BlockSpec.basic(index++, count), s.x());
        KrState<T> y =
            b.conv(c, "conv1", ConvGeometry.of(in, planes, 3, stride), s, ConvRole.BLOCK);
        y = y.withX(Activation.RELU.apply(c, new BatchNorm("bn1").apply(c, y.x())));
        y = b.conv(c, "conv2", ConvGeometry.of(planes, planes, 3, 1), y, ConvRole.BLOCK);
        Operand<T> branch = new BatchNorm("bn2").apply(c, y.x());
        Operand<T> shortcut = s.x();
        if (stride != 1 || in != planes) {
          BuildContext<T> dc = c.child("downsample");
          shortcut =
              new BatchNorm("bn")
                  .apply(
                      dc,
                      b.conv(
                              dc,
                              "conv",
                              ConvGeometry.of(in, planes, 1, stride),
                              s,
                              ConvRole.SHORTCUT)
                          .x());
        }
        s = y.withX(Activation.RELU.apply(c, c.tf().math.add(branch, shortcut)));
        in = planes;
      }
    }
    return m.classifier(
        ctx,
        Pooling.globalAverage(ctx, s.x()),
        s.d(),
        ClassifierSpec.of(classes, 0, Init.lecunUniform()));
  }

  static int makeDivisible(double v, int divisor) {
    int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
    return rounded < 0.9 * v ? rounded + divisor : rounded;
  }

  static <T extends TFloating> Operand<T> mobileNetV2(
      BuildContext<T> ctx, DynamicKernelMethod m, Operand<T> images, int classes, double width) {
    int[][] stages = {
      {1, 16, 1, 1},
      {6, 24, 2, 2},
      {6, 32, 3, 2},
      {6, 64, 4, 2},
      {6, 96, 3, 1},
      {6, 160, 3, 2},
      {6, 320, 1, 1}
    };
    int count = 17;
    KrState<T> s = new KrState<>(images, KernelRepresentation.none());
    int in = makeDivisible(32 * width, 8);
    BuildContext<T> stem = ctx.child("stem");
    s =
        m.conv(
            stem, "conv", ConvGeometry.of((int) images.shape().get(3), in, 3, 2), s, ConvRole.STEM);
    s = s.withX(Activation.RELU6.apply(stem, new BatchNorm("bn").apply(stem, s.x())));
    int index = 0;
    for (int[] st : stages) {
      int out = makeDivisible(st[1] * width, 8);
      for (int i = 0; i < st[2]; i++) {
        int t = st[0];
        int stride = i == 0 ? st[3] : 1;
        BuildContext<T> c = ctx.child("block" + (index + 1));
        BlockScope<T> b = m.block(c, BlockSpec.invertedResidual(index++, count, t), s.x());
        KrState<T> y = s;
        int hidden = in * t;
        if (t != 1) {
          y = b.conv(c, "expand", ConvGeometry.of(in, hidden, 1, 1), y, ConvRole.EXPAND);
          y = y.withX(Activation.RELU6.apply(c, new BatchNorm("expand_bn").apply(c, y.x())));
        }
        y = b.conv(c, "dw", ConvGeometry.depthwise(hidden, 3, stride), y, ConvRole.DEPTHWISE);
        y = y.withX(Activation.RELU6.apply(c, new BatchNorm("dw_bn").apply(c, y.x())));
        y = b.conv(c, "project", ConvGeometry.of(hidden, out, 1, 1), y, ConvRole.PROJECT);
        Operand<T> z = new BatchNorm("project_bn").apply(c, y.x());
        if (stride == 1 && in == out) {
          z = c.tf().math.add(z, s.x());
        }
        s = y.withX(z);
        in = out;
      }
    }
    BuildContext<T> fc = ctx.child("final");
    s =
        m.conv(
            fc,
            "conv",
            ConvGeometry.of(in, makeDivisible(1280 * Math.max(1, width), 8), 1, 1),
            s,
            ConvRole.FINAL_1X1);
    s = s.withX(Activation.RELU6.apply(fc, new BatchNorm("bn").apply(fc, s.x())));
    return m.classifier(
        ctx,
        Pooling.globalAverage(ctx, s.x()),
        s.d(),
        ClassifierSpec.of(classes, 0.2, Init.normal(0.01)));
  }
}
