package kr.bench.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.cli.DataDirOption;
import kr.bench.cli.MethodOption;
import kr.bench.cli.WorkersOption;
import kr.bench.report.ReportFile;
import kr.bench.report.RunInfo;
import kr.bench.run.BenchTraining;
import kr.bench.run.NamedDataset;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.pipeline.Batch;
import kr.data.pipeline.BatchPipeline;
import kr.train.EpochMetrics;
import kr.train.TrainConfig;
import kr.train.Trainer;
import kr.train.data.DatasetBatchSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kr bench pipeline}: the input pipeline's images/s alone, next to the training step's
 * images/s on the same data and batch, in one run — the pipeline must outrun the model.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    description = "Images/s of the data pipeline alone next to the training step's images/s.")
public final class PipelineBenchCommand implements Callable<Integer> {

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      defaultValue = "fashion-mnist",
      description = "Dataset read.")
  String dataset;

  @Mixin DataDirOption dataDir = new DataDirOption();

  @Option(
      names = "--backbone",
      paramLabel = "NAME",
      defaultValue = "cnn-small",
      description = "Backbone of the training step timed.")
  String backbone;

  @Option(
      names = "--kr",
      paramLabel = "VARIANT",
      defaultValue = "4x",
      description = "KR configuration of the model trained: 1x, 4x, <n>x or dyn-<n>x.")
  String kr;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "64",
      description = "Images per batch.")
  int batchSize;

  @Option(
      names = "--batches",
      paramLabel = "N",
      defaultValue = "100",
      description = "Batches timed for each.")
  int batches;

  @Mixin WorkersOption workers = new WorkersOption();

  @Mixin ReportFile out = new ReportFile();

  @Override
  public Integer call() throws Exception {
    DynamicKernelMethod method =
        MethodOption.resolve(MethodOption.KR, kr, KrConfig.DEFAULT_ATTENTION);
    Backbones.factory(backbone);
    Dataset data = NamedDataset.open(dataset, dataDir.value(), DatasetOptions.DEFAULTS);
    var info = data.info();
    InputSpec input =
        DatasetBatchSource.modelInput(
            info, new InputSpec(info.height(), info.width(), info.channels()));

    // Warm-up epoch 0, timed epoch 1, as the trainer would read epoch 1.
    pipelineImagesPerSecond(data, 0, Math.min(batches, 20));
    double pipeline = pipelineImagesPerSecond(data, 1, batches);

    Path tmp = Files.createTempDirectory("kr-bench-pipeline");
    TrainConfig config = BenchTraining.oneEpoch(batchSize, batches, tmp.resolve("run"));
    EpochMetrics m =
        new Trainer(config)
            .fit(
                Backbones.create(backbone, method, input, info.numClasses()),
                new DatasetBatchSource(data, Split.TRAIN, input, workers.value()),
                new DatasetBatchSource(data, Split.TEST, input, workers.value()))
            .last()
            .orElseThrow();
    double training = m.imagesPerSecond();

    RunInfo run =
        RunInfo.capture(
            "kr bench pipeline --dataset "
                + dataset
                + " --backbone "
                + backbone
                + " --kr "
                + kr
                + " --batch-size "
                + batchSize
                + " --batches "
                + batches
                + " --workers "
                + workers.value());
    String report =
        "# Input pipeline vs training step\n\n"
            + run.markdownPreamble()
            + "\n| what | images/s |\n|---|---:|\n"
            + String.format(
                Locale.ROOT,
                "| pipeline alone (%s train split, batch %d, %d workers) " + "| %.0f |%n",
                dataset,
                batchSize,
                workers.value(),
                pipeline)
            + String.format(
                Locale.ROOT,
                "| training step, %s %s (step time only) | %.0f |%n",
                backbone,
                method.name(),
                training)
            + String.format(
                Locale.ROOT,
                "%nThe pipeline delivers %.1f× what the step consumes.%n",
                pipeline / training);
    out.publish(report);
    return 0;
  }

  private double pipelineImagesPerSecond(Dataset data, int epoch, int n) {
    long images = 0;
    long start = System.nanoTime();
    try (BatchPipeline p =
        BatchPipeline.builder(data, Split.TRAIN)
            .batchSize(batchSize)
            .shuffle(true)
            .seed(0)
            .epoch(epoch)
            .workers(workers.value())
            .build()) {
      int count = 0;
      for (Batch b : p) {
        try (b) {
          images += b.size();
        }
        if (++count >= n) {
          break;
        }
      }
    }
    return images / ((System.nanoTime() - start) / 1e9);
  }
}
