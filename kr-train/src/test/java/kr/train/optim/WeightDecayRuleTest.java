package kr.train.optim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.graph.Mode;
import kr.core.graph.ParamSpec;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class WeightDecayRuleTest {

  @Test
  void timmsRuleExemptsBiasesNormsAndTheViTTokens() {
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx =
          BuildContext.create(
              Ops.create(g), TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
      ctx.child("patch_embed")
          .param("kernel", ParamSpec.trainable(new long[] {4, 4, 3, 8}, 48, 128, Init.zeros()));
      ctx.child("patch_embed").param("bias", ParamSpec.vector(8, Init.zeros()));
      ctx.param("cls_token", ParamSpec.trainable(new long[] {1, 1, 8}, 8, 8, Init.zeros()));
      ctx.param("pos_embed", ParamSpec.trainable(new long[] {1, 5, 8}, 8, 8, Init.zeros()));
      ctx.child("blocks0").child("norm1").param("gamma", ParamSpec.vector(8, Init.ones()));
      ctx.child("blocks0").child("norm1").param("beta", ParamSpec.vector(8, Init.zeros()));
      ctx.child("blocks0").param("layer_scale", ParamSpec.vector(8, Init.ones()));
      ctx.child("blocks0")
          .child("attn")
          .child("qkv")
          .param("kernel", ParamSpec.trainable(new long[] {8, 24}, 8, 24, Init.zeros()));
      ctx.child("blocks0")
          .child("attn")
          .child("qkv")
          .param("bias", ParamSpec.vector(24, Init.zeros()));
      ctx.child("blocks0")
          .child("kg")
          .param("kernels", ParamSpec.trainable(new long[] {4, 8, 8}, 8, 8, Init.zeros()));
      ctx.child("head")
          .child("fc")
          .param("kernel", ParamSpec.trainable(new long[] {8, 10}, 8, 10, Init.zeros()));
      WeightDecayRule rule = WeightDecayRule.timm();
      List<String> decayed =
          ctx.store().trainable().stream().filter(rule::decays).map(Parameter::path).toList();
      assertThat(decayed)
          .containsExactly(
              "patch_embed/kernel",
              "blocks0/attn/qkv/kernel",
              "blocks0/kg/kernels",
              "head/fc/kernel");
      assertThat(ctx.store().trainable().stream().allMatch(WeightDecayRule.all()::decays)).isTrue();
    }
  }

  @Test
  void pathRulesLookAtTheLastSegmentOnly() {
    WeightDecayRule rule = WeightDecayRule.excluding(Set.of("pos_embed"));
    assertThat(rule.decays("pos_embed", 3)).isFalse();
    assertThat(rule.decays("stage1/pos_embed", 3)).isFalse();
    assertThat(rule.decays("pos_embed_proj/kernel", 2)).isTrue();
    assertThat(rule.decays("bias_gen/kernel", 2)).isTrue();
    assertThat(rule.decays("fc/bias", 2)).isFalse();
    assertThat(rule.decays("fc/kernel", 1)).isFalse();
    assertThat(rule.decays("cls_token", 3)).isTrue();
  }
}
