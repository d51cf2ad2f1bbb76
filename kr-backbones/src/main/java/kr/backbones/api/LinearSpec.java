package kr.backbones.api;

import java.util.List;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KernelSlot;

/**
 * The token-wise linears of one residual block, as a backbone asks a {@link DynamicKernelMethod}
 * for them: their role, their names and sizes in order of application, and the initializer of each
 * kernel (the static kernel, or each of a dynamic layer's n kernels).
 */
public record LinearSpec(LinearRole role, List<KernelSlot> slots, Init kernelInit) {

  public LinearSpec {
    Checks.notNull("role", role);
    slots = List.copyOf(Checks.notNull("slots", slots));
    Checks.check(!slots.isEmpty(), "slots", slots, "must not be empty");
    Checks.notNull("kernelInit", kernelInit);
  }

  /** ViT's attention linears qkv (dim → 3·dim) and proj (dim → dim). */
  public static LinearSpec attention(int dim, Init kernelInit) {
    return new LinearSpec(
        LinearRole.ATTENTION,
        List.of(KernelSlot.linear("qkv", dim, 3 * dim), KernelSlot.linear("proj", dim, dim)),
        kernelInit);
  }

  /** An MLP's fc1 (dim → hidden) and fc2 (hidden → dim). */
  public static LinearSpec mlp(int dim, int hidden, Init kernelInit) {
    return new LinearSpec(
        LinearRole.MLP,
        List.of(KernelSlot.linear("fc1", dim, hidden), KernelSlot.linear("fc2", hidden, dim)),
        kernelInit);
  }
}
