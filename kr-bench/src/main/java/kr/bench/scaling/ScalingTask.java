package kr.bench.scaling;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.cli.MethodOption;
import kr.bench.run.BenchTraining;
import kr.bench.run.StepTimes;
import kr.core.kr.AttentionMode;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.train.TrainConfig;
import kr.train.TrainListener;
import kr.train.Trainer;
import kr.train.config.ParallelConfig;
import kr.train.data.ArrayBatchSource;
import kr.train.distributed.ClusterSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One configuration of {@code kr bench scaling}, run in its own JVM: trains a backbone on random
 * images held in memory (no input pipeline) for {@code warmup + steps} steps and prints, on the
 * chief, {@code STEP_MS <median ms of the timed steps>}. With {@code --cluster} it is one task of a
 * local cluster ({@link kr.train.distributed.LocalCluster} appends the flags).
 */
@Command(name = "scaling-task")
public final class ScalingTask implements Callable<Integer> {
  /** The line the chief prints, followed by the median step time in milliseconds. */
  static final String STEP_MS = "STEP_MS";

  private static final int CLASSES = 10;

  @Option(names = "--backbone", required = true)
  String backbone;

  @Option(names = "--kr", required = true)
  String kr;

  @Option(names = "--batch-size", required = true)
  int batchSize;

  @Option(names = "--warmup", required = true)
  int warmup;

  @Option(names = "--steps", required = true)
  int steps;

  @Option(names = "--devices", defaultValue = "1")
  int devices;

  @Option(names = "--sync-bn")
  boolean syncBn;

  @Option(names = "--threads", split = ",", required = true)
  List<Integer> threads;

  @Option(names = "--out", required = true)
  Path out;

  @Option(names = "--cluster")
  String cluster;

  @Option(names = "--task-index", defaultValue = "0")
  int taskIndex;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScalingTask()).execute(args));
  }

  @Override
  public Integer call() {
    DynamicKernelMethod method = MethodOption.resolve(null, kr, AttentionMode.OMNI);
    InputSpec input = Backbones.factory(backbone).defaultInput();
    ImageClassifier model = Backbones.create(backbone, method, input, CLASSES);
    List<String> tasks =
        cluster == null
            ? List.of()
            : ClusterSpec.parse(cluster, taskIndex).tasks().stream().map(Object::toString).toList();
    ParallelConfig parallel = new ParallelConfig(devices, tasks, taskIndex, syncBn, 120);
    TrainConfig base = BenchTraining.oneEpoch(batchSize, warmup + steps, out);
    TrainConfig config =
        base.withRun(base.run().withThreads(threads.get(0), threads.get(1)).withParallel(parallel));
    List<Long> ends = new ArrayList<>();
    new Trainer(config)
        .withLog(line -> {})
        .addListener(
            new TrainListener() {
              @Override
              public void onStep(long step, int epoch, double loss) {
                ends.add(System.nanoTime());
              }
            })
        .fit(
            model,
            random("train", input, batchSize * (warmup + steps), 1),
            random("test", input, batchSize, 2));
    if (parallel.chief()) {
      double ms = 1e3 * StepTimes.medianSeconds(ends.subList(warmup - 1, ends.size()));
      System.out.println(String.format(Locale.ROOT, "%s %.3f", STEP_MS, ms));
    }
    return 0;
  }

  /** Standard-normal images and uniform labels, seeded. */
  private static ArrayBatchSource random(String name, InputSpec input, int n, long seed) {
    Random rng = new Random(seed);
    float[] x = new float[n * input.height() * input.width() * input.channels()];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rng.nextGaussian();
    }
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % CLASSES;
    }
    return new ArrayBatchSource(name, x, y, input, CLASSES);
  }
}
