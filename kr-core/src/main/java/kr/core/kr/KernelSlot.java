package kr.core.kr;

import kr.core.graph.Checks;
import kr.core.layers.ConvGeometry;

/**
 * One dynamic layer that a KR unit generates coefficients for: its channels, its kernel area (k², 1
 * for linears) and whether it is depthwise (no output-channel attention then, as ODConv).
 */
public record KernelSlot(String name, int in, int out, int kernelArea, boolean depthwise) {

  public KernelSlot {
    Checks.notNull("name", name);
    Checks.positive("slot in", in);
    Checks.positive("slot out", out);
    Checks.positive("slot kernelArea", kernelArea);
  }

  public static KernelSlot linear(String name, int in, int out) {
    return new KernelSlot(name, in, out, 1, false);
  }

  public static KernelSlot conv(String name, ConvGeometry g) {
    return new KernelSlot(name, g.in(), g.out(), g.kernel() * g.kernel(), g.depthwise());
  }
}
