package com.example.krplugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kr.backbones.Backbones;
import kr.backbones.contract.BackboneContract;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/** The plugin is found by name through the registry and its KR variant trains a step. */
class ExamplePluginTest {

  @Test
  void isDiscoveredByNameNextToTheBuiltIns() {
    assertThat(Backbones.list()).contains("wide-shallow", "resnet18");
    assertThat(Backbones.factory("wide-shallow").description()).contains("example");
  }

  @Test
  void meetsTheBackboneContractStaticAndKr() {
    BackboneContract.check("wide-shallow", StaticMethod.INSTANCE);
    BackboneContract.check("wide-shallow", new KrMethod(KrConfig.kr4x()));
  }

  @Test
  void krVariantTakesAGradientStepWithAFiniteLoss() {
    ImageClassifier net =
        Backbones.create("wide-shallow", new KrMethod(KrConfig.kr4x()), InputSpec.cifar(), 10);
    try (Graph g = new Graph();
        Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 1);
      float[] x = new float[4 * 32 * 32 * 3];
      Random rnd = new Random(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      Operand<TFloat32> images = tf.constant(Shape.of(4, 32, 32, 3), DataBuffers.of(x));
      Operand<TFloat32> logits = net.logits(ctx, images);
      Operand<TFloat32> labels =
          tf.oneHot(
              tf.constant(new int[] {0, 1, 2, 3}),
              tf.constant(10),
              tf.constant(1f),
              tf.constant(0f));
      Operand<TFloat32> loss =
          tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
      List<Parameter> params = ctx.store().trainable();
      Output<?>[] grads =
          g.addGradients(
              loss.asOutput(),
              params.stream().map(p -> p.value().asOutput()).toArray(Output[]::new));
      List<Op> updates = new ArrayList<>();
      // Updates wait for every gradient: the parameter reads alias the variables' buffers.
      List<Op> gradOps = new ArrayList<>();
      for (Output<?> o : grads) {
        gradOps.add(tf.identity(o));
      }
      Ops after = tf.withControlDependencies(gradOps);
      for (int i = 0; i < params.size(); i++) {
        @SuppressWarnings("unchecked")
        Variable<TFloat32> v = (Variable<TFloat32>) params.get(i).variable();
        @SuppressWarnings("unchecked")
        Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
        updates.add(after.train.applyGradientDescent(v, tf.constant(0.01f), grad));
      }
      s.initialize();
      float before = ((TFloat32) s.runner().fetch(loss).run().get(0)).getFloat();
      var r = s.runner();
      updates.forEach(r::addTarget);
      r.run().close();
      float afterStep = ((TFloat32) s.runner().fetch(loss).run().get(0)).getFloat();
      assertThat(before).isFinite();
      assertThat(afterStep).isFinite().isNotEqualTo(before);
      assertThat(ctx.store().find("conv1/kr/rf/kernel")).isPresent();
    }
  }
}
