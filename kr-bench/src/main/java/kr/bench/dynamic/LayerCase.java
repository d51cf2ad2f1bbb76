package kr.bench.dynamic;

import java.util.List;
import kr.core.layers.ConvGeometry;

/**
 * One layer shape of the dynamic-vs-static benchmark: a token linear (ViT) or a convolution
 * (ResNet), with the batch it is timed at.
 */
public record LayerCase(
    String model,
    String layer,
    int batch,
    int tokens,
    int in,
    int out,
    ConvGeometry conv,
    int spatial) {

  public static LayerCase linear(
      String model, String layer, int batch, int tokens, int in, int out) {
    return new LayerCase(model, layer, batch, tokens, in, out, null, 0);
  }

  public static LayerCase conv(String model, String layer, int batch, int spatial, ConvGeometry g) {
    return new LayerCase(model, layer, batch, 0, g.in(), g.out(), g, spatial);
  }

  public boolean isConv() {
    return conv != null;
  }

  /** "B×N×C→C'" or "B×H×W×C→C' k×k/s". */
  public String shape() {
    return isConv()
        ? batch
            + "×"
            + spatial
            + "×"
            + spatial
            + "×"
            + in
            + "→"
            + out
            + " "
            + conv.kernel()
            + "×"
            + conv.kernel()
            + "/"
            + conv.stride()
        : batch + "×" + tokens + "×" + in + "→" + out;
  }

  /** ViT-Nano linears (CIFAR input, 64 patches + cls) and ResNet-18 3×3 convs at 224. */
  public static List<LayerCase> paperShapes(int vitBatch, int resnetBatch) {
    return List.of(
        linear("vit-nano", "qkv", vitBatch, 65, 128, 384),
        linear("vit-nano", "fc1", vitBatch, 65, 128, 512),
        linear("vit-nano", "fc2", vitBatch, 65, 512, 128),
        conv("resnet18", "layer1 conv", resnetBatch, 56, ConvGeometry.of(64, 64, 3, 1)),
        conv("resnet18", "layer2 conv", resnetBatch, 28, ConvGeometry.of(128, 128, 3, 1)),
        conv("resnet18", "layer3 conv", resnetBatch, 14, ConvGeometry.of(256, 256, 3, 1)),
        conv("resnet18", "layer4 conv", resnetBatch, 7, ConvGeometry.of(512, 512, 3, 1)));
  }
}
