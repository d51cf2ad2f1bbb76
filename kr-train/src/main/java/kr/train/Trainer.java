package kr.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.data.mix.MixupCutmix;
import kr.data.pipeline.Batch;
import kr.data.pipeline.SplitMix64;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointManager;
import kr.train.checkpoint.CheckpointVersionException;
import kr.train.config.AugmentConfig;
import kr.train.config.LoopConfig;
import kr.train.config.ParallelConfig;
import kr.train.data.BatchSource;
import kr.train.data.BatchStream;
import kr.train.distributed.CollectiveFailure;
import kr.train.distributed.DataParallel;
import kr.train.distributed.PeerWatchdog;
import kr.train.optim.LrSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an {@link ImageClassifier}: one graph with a training and an inference build sharing
 * parameters, a per-step LR (and optional temperature) schedule, evaluation after each epoch,
 * atomic checkpoints, metrics files and a NaN guard.
 *
 * <pre>{@code
 * TrainConfig config = new TrainConfig(OptimizerConfig.defaults(),
 *     LoopConfig.builder().epochs(10).batchSize(64).build(), RunConfig.in(dir));
 * TrainResult r = new Trainer(config).withCommandLine(args)
 *     .withModelSection(RunConfigFile.modelSection(myModelArgs))
 *     .fit(model, trainSource, testSource);
 * }</pre>
 *
 * <p><b>Checkpoints and resume.</b> A checkpoint is written after every epoch and when a stop is
 * requested (Ctrl-C through a shutdown hook, or {@link #requestStop}); it holds every variable
 * (parameters, BatchNorm state, optimizer slots) and the position: global step (which fixes the LR,
 * the temperature and Adam's bias correction), epoch, batch within the epoch (the data order is a
 * function of seed and epoch), the epoch's running training sums and the metric history. With
 * {@code resume} the newest readable checkpoint is restored and training continues from the next
 * batch, so an interrupted run ends where an uninterrupted one would.
 *
 * <p><b>Determinism.</b> The same seed, data and configuration give the same initial parameters
 * (stateless per-parameter seeds), the same batch order and the same schedule values. The numbers
 * TensorFlow computes from them are the same run to run for a fixed thread setting: {@code
 * threads(1, 1)} is the setting checked by the tests to give bit-identical metrics (uninterrupted
 * vs resumed). With more intra-op threads Eigen and oneDNN may split reductions differently between
 * runs, so expect agreement to float rounding only. Dropout draws its masks from (step, layer path)
 * — the trainer installs the step with {@code BuildContext.setRandomStep} — so a resumed run
 * repeats the masks of an uninterrupted one.
 *
 * <p><b>config.json.</b> A fresh run writes a {@link RunConfigFile}: the resolved settings, the
 * command line and the caller's model section. A resume leaves it as it is unless a setting or the
 * model section changed, which then goes into its history with the step it took effect at.
 *
 * <p><b>Recipe pieces.</b> {@link LoopConfig#augment()} runs as docs/training-recipe-pieces.md
 * says: the order, RandAugment and random erasing in the data pipeline ({@link
 * BatchSource#withAugmentation}), Mixup/CutMix on each training batch from a stream of (seed,
 * step), then soft targets in the loss; {@link LoopConfig#ema()} keeps a weight average that every
 * evaluation (and so the best checkpoint) uses.
 *
 * <p><b>Divergence.</b> A NaN or infinite training loss stops the run with a {@link
 * DivergenceException} naming the step; nothing is saved after it, so the last checkpoint is the
 * last good state.
 */
public final class Trainer {
  private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);

  private final TrainConfig config;
  private final List<TrainListener> listeners = new ArrayList<>();
  private Consumer<String> log = LOG::info;
  private Consumer<String> warn = LOG::warn;

  /** Where a non-chief task's routine lines go: nowhere (the chief reports the run). */
  private final Consumer<String> quiet = line -> {};

  /** Time between two probes of the peers of a cluster task. */
  private static final Duration WATCH_PERIOD = Duration.ofSeconds(1);

  /** Probes without an answer after which a peer is lost (one refused probe is enough). */
  private static final int WATCH_MISSES = 10;

  private volatile boolean stopRequested;
  private List<String> commandLine = List.of();
  private ObjectNode modelSection = Json.mapper().createObjectNode();
  private Consumer<CollectiveFailure> onPeerLost = f -> log.accept(f.getMessage());

  /** Held while the chief writes a file of the run directory; a lost peer waits for it. */
  private final Object ioLock = new Object();

  /** The position of the running fit, for the message of a lost peer. */
  private volatile Position current;

  public Trainer(TrainConfig config) {
    this.config = Checks.notNull("config", config);
  }

  public TrainConfig config() {
    return config;
  }

  public Trainer addListener(TrainListener listener) {
    listeners.add(Checks.notNull("listener", listener));
    return this;
  }

  /**
   * Where the run's messages go: every epoch's line, resume notes, warnings and, when stderr is not
   * a terminal, the progress lines. By default SLF4J's logger {@code kr.train.Trainer} (INFO, and
   * WARN for warnings).
   */
  public Trainer withLog(Consumer<String> sink) {
    this.log = Checks.notNull("log", sink);
    this.warn = sink;
    return this;
  }

  /** The command line as typed, recorded in {@code config.json} (none by default). */
  public Trainer withCommandLine(List<String> args) {
    this.commandLine = List.copyOf(Checks.notNull("commandLine", args));
    return this;
  }

  /**
   * The caller's model section of {@code config.json} (an empty object by default); build it from a
   * record with {@link RunConfigFile#modelSection} and read it back with {@link
   * RunConfigFile#model(Class)}.
   */
  public Trainer withModelSection(ObjectNode section) {
    this.modelSection = Checks.notNull("modelSection", section).deepCopy();
    return this;
  }

  /**
   * What to do when a peer task of a cluster is lost (its process ended): by default the message is
   * logged, and the step waiting for the peer fails after the collective timeout with a {@link
   * CollectiveFailure}. A command line that must stop at once installs a handler that prints the
   * line and ends the process (it runs on the watchdog's thread while no run-directory file is
   * being written, and the step itself cannot be interrupted).
   */
  public Trainer withPeerLossHandler(Consumer<CollectiveFailure> handler) {
    this.onPeerLost = Checks.notNull("handler", handler);
    return this;
  }

  /** Asks a running {@link #fit} to save a checkpoint and return before the next step. */
  public void requestStop() {
    stopRequested = true;
  }

  /** The run's position, saved in checkpoints. */
  private static final class Position {
    long globalStep;
    int epoch;
    int batch;
    double lossSum;
    double correct;
    long seen;
    double stepSeconds;
    double lastLr;
    double lastTemperature = 1;
    double bestTop1 = Double.NEGATIVE_INFINITY;
    volatile Path lastCheckpoint;
    final List<EpochMetrics> history = new ArrayList<>();

    void resetEpoch() {
      batch = 0;
      lossSum = 0;
      correct = 0;
      seen = 0;
      stepSeconds = 0;
    }
  }

  /**
   * Trains {@code model} on {@code train}, evaluating on {@code test} after each epoch.
   *
   * @throws IllegalArgumentException if the data does not fit the model or the configuration
   * @throws DivergenceException if the loss becomes NaN or infinite
   * @throws UncheckedIOException if the run directory cannot be written
   */
  public TrainResult fit(ImageClassifier model, BatchSource trainSource, BatchSource testSource) {
    Checks.notNull("model", model);
    Checks.notNull("train", trainSource);
    Checks.notNull("test", testSource);
    AugmentConfig augment = config.loop().augment();
    BatchSource train = trainSource.withAugmentation(augment);
    BatchSource test =
        augment.interpolation() == AugmentConfig.NONE.interpolation()
            ? testSource
            : testSource.withAugmentation(
                AugmentConfig.NONE.withInterpolation(augment.interpolation()));
    checkData(model, train, "train");
    checkData(model, test, "test");
    LoopConfig loop = config.loop();
    int full = train.batchCount(loop.batchSize(), true);
    Checks.check(
        full > 0,
        "batchSize",
        loop.batchSize(),
        "must be <= the training set size (" + train.epochSize(true) + ")");
    ParallelConfig parallel = config.run().parallel();
    Checks.check(
        loop.batchSize() >= parallel.replicas(),
        "batchSize",
        loop.batchSize(),
        "must be at least the number of replicas (devices × tasks = " + parallel.replicas() + ")");
    boolean chief = parallel.chief();
    int stepsPerEpoch =
        loop.maxStepsPerEpoch() > 0 ? Math.min(full, loop.maxStepsPerEpoch()) : full;
    LrSchedule schedule = config.optimizer().schedule().create(config.scheduleSpec(stepsPerEpoch));

    RunDirectory run = new RunDirectory(config.run().outDir());
    CheckpointManager ckpts =
        new CheckpointManager(run.checkpoints(), config.run().keepCheckpoints());
    if (!config.run().resume() && run.hasCheckpoints()) {
      throw new IllegalArgumentException(
          "outDir "
              + config.run().outDir()
              + " already holds checkpoints: pass resume to continue that run or choose another"
              + " outDir");
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("model", model.name());
    extra.put("train", train.name() + " (" + train.size() + ")");
    extra.put("test", test.name() + " (" + test.size() + ")");
    extra.put("steps_per_epoch", stepsPerEpoch);
    if (parallel.replicas() > 1) {
      extra.put("devices", parallel.devices());
      extra.put("tasks", parallel.tasks());
      extra.put("sync_batch_norm", parallel.syncBatchNorm());
    }
    if (chief) {
      io(
          () -> {
            run.removeStaleTemporaries();
            ckpts.removeStaleTemporaries();
          });
    }

    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stopRequested = true;
              try {
                finished.await(120, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "kr-train-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PeerWatchdog watchdog = null;
    try (ModelGraph g = ModelGraph.forTraining(model, config)) {
      extra.put("params", g.trainableParams());
      if (chief) {
        io(() -> run.writeRunInfo(extra));
      }
      Position pos = new Position();
      current = pos;
      Path last = null;
      Path best = null;
      if (config.run().resume()) {
        Optional<CheckpointManager.Loaded> loaded = resumeIo(() -> ckpts.latest(warn));
        if (loaded.isPresent()) {
          Path from = loaded.get().path();
          resumeIo(
              () -> {
                restore(g, loaded.get().checkpoint(), from, pos, model, stepsPerEpoch);
                return null;
              });
          last = loaded.get().path();
          best = Files.exists(ckpts.bestPath()) ? ckpts.bestPath() : null;
          List<EpochMetrics> history = pos.history;
          if (chief) {
            io(() -> run.rewrite(history));
          }
          (chief ? log : quiet)
              .accept(
                  "resumed from "
                      + last
                      + " at step "
                      + pos.globalStep
                      + " (epoch "
                      + (pos.epoch + 1)
                      + ", batch "
                      + pos.batch
                      + ")");
        } else {
          log.accept("resume: no checkpoint in " + ckpts.dir() + ", starting from scratch");
        }
      }
      if (chief && pos.history.isEmpty() && pos.globalStep == 0) {
        io(() -> run.rewrite(List.of()));
      }
      boolean resumed = last != null;
      long resumedAt = pos.globalStep;
      if (chief) {
        io(() -> writeConfig(run, resumed, resumedAt));
      }
      pos.lastCheckpoint = last;
      if (g.parallel().cluster().isPresent()) {
        g.awaitTasks(pos.globalStep);
        watchdog =
            PeerWatchdog.start(
                g.parallel().cluster().get(), WATCH_PERIOD, WATCH_MISSES, this::peerLost);
      }
      return loop(
          g, model, train, test, schedule, stepsPerEpoch, run, ckpts, pos, last, best, watchdog);
    } catch (CollectiveFailure e) {
      Position p = current;
      throw p == null ? e : e.withDetail(where(p));
    } finally {
      if (watchdog != null) {
        watchdog.close();
      }
      current = null;
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // The JVM is shutting down: the hook is running and waits for the latch above.
      }
    }
  }

  private TrainResult loop(
      ModelGraph g,
      ImageClassifier model,
      BatchSource train,
      BatchSource test,
      LrSchedule schedule,
      int stepsPerEpoch,
      RunDirectory run,
      CheckpointManager ckpts,
      Position pos,
      Path lastCkpt,
      Path bestCkpt,
      PeerWatchdog watchdog) {
    Path last = lastCkpt;
    Path best = bestCkpt;
    LoopConfig loop = config.loop();
    Optional<MixupCutmix> mixer = loop.augment().mixer(model.numClasses(), loop.labelSmoothing());
    DataParallel parallel = g.parallel();
    boolean chief = parallel.chief();
    // With several tasks, every task stops after the same step: the one whose all-reduce first
    // carried a task's stop vote.
    boolean voting = parallel.tasks() > 1;
    boolean agreedStop = false;
    while (pos.epoch < loop.epochs()) {
      long epochStart = System.nanoTime();
      try (BatchStream stream =
              train.batches(
                  loop.seed(), pos.epoch, loop.batchSize(), true, pos.batch, parallel.shard());
          Progress bar =
              Progress.epoch(
                  config.run().progress() && chief,
                  pos.epoch + 1,
                  loop.epochs(),
                  stepsPerEpoch,
                  pos.batch,
                  log)) {
        while (pos.batch < stepsPerEpoch && stream.hasNext()) {
          if (voting ? agreedStop : stopRequested) {
            closeWatchdog(watchdog);
            last = save(g, ckpts, pos, model, stepsPerEpoch);
            (chief ? log : quiet)
                .accept("stopped at step " + pos.globalStep + "; checkpoint " + last);
            return stopped(pos, run, last, best);
          }
          long t0 = System.nanoTime();
          double lr = schedule.lr(pos.globalStep);
          double temperature = loop.temperature().at(pos.globalStep + 1, stepsPerEpoch);
          ModelGraph.StepResult r;
          int n;
          try (Batch b = stream.next()) {
            r =
                g.trainStep(
                    b,
                    mix(mixer, b, pos.globalStep + 1),
                    lr,
                    pos.globalStep + 1,
                    temperature,
                    stopRequested);
            n = (int) r.examples();
          }
          if (r.stop() && !agreedStop) {
            agreedStop = true;
            if (pos.batch + 1 < stepsPerEpoch) {
              closeWatchdog(watchdog); // that step was the last collective: peers stop too
            }
          }
          long step = pos.globalStep + 1;
          if (!Double.isFinite(r.loss())) {
            String where =
                last == null ? "no checkpoint had been saved yet" : "last good checkpoint: " + last;
            throw new DivergenceException(
                String.format(
                    "training diverged: loss is %s at step %d (epoch %d, batch %d of %d, lr %.6g);"
                        + " the run stopped; %s",
                    r.loss(), step, pos.epoch + 1, pos.batch + 1, stepsPerEpoch, lr, where),
                step,
                last);
          }
          pos.globalStep = step;
          pos.batch++;
          pos.lossSum += r.loss() * n;
          pos.correct += r.top1Correct();
          pos.seen += n;
          pos.stepSeconds += (System.nanoTime() - t0) / 1e9;
          pos.lastCheckpoint = last;
          pos.lastLr = lr;
          pos.lastTemperature = temperature;
          bar.step(n, pos.lossSum / pos.seen, pos.seen / Math.max(pos.stepSeconds, 1e-9));
          for (TrainListener l : listeners) {
            l.onStep(pos.globalStep, pos.epoch + 1, r.loss());
          }
        }
      }
      if (pos.epoch + 1 >= loop.epochs() || (voting ? agreedStop : stopRequested)) {
        // The evaluation's sums are the last collective: peers may end once it is done, and a
        // peer that dies during it fails it.
        closeWatchdog(watchdog);
      }
      EvalMetrics eval =
          evaluate(
              g, test, loop.effectiveEvalBatchSize(), loop.maxEvalBatches(), Progress.silent());
      EpochMetrics m =
          new EpochMetrics(
              pos.epoch + 1,
              pos.globalStep,
              pos.lastLr,
              pos.lastTemperature,
              pos.lossSum / Math.max(1, pos.seen),
              pos.correct / Math.max(1, pos.seen),
              eval.loss(),
              eval.top1(),
              eval.top5(),
              pos.seen / Math.max(pos.stepSeconds, 1e-9),
              (System.nanoTime() - epochStart) / 1e9);
      pos.history.add(m);
      boolean isBest = m.testTop1() > pos.bestTop1;
      if (isBest) {
        pos.bestTop1 = m.testTop1();
      }
      pos.epoch++;
      pos.resetEpoch();
      // The best checkpoint before the step one: a kill or full disk between the two leaves the
      // previous step checkpoint newest, so a resume redoes this epoch and saves the best again.
      if (isBest && chief) {
        Checkpoint c = checkpoint(g, pos, model, stepsPerEpoch);
        best = io(() -> ckpts.saveBest(c));
      }
      last = save(g, ckpts, pos, model, stepsPerEpoch);
      pos.lastCheckpoint = last;
      List<EpochMetrics> history = pos.history;
      if (chief) {
        io(() -> run.rewrite(history));
      }
      (chief ? log : quiet)
          .accept(
              String.format(
                  "epoch %d/%d  train loss %.4f top1 %.4f  test loss %.4f top1 %.4f"
                      + " top5 %.4f  lr %.3g  %.0f img/s",
                  m.epoch(),
                  loop.epochs(),
                  m.trainLoss(),
                  m.trainTop1(),
                  m.testLoss(),
                  m.testTop1(),
                  m.testTop5(),
                  m.lr(),
                  m.imagesPerSecond()));
      for (TrainListener l : listeners) {
        l.onEpoch(m);
      }
      if ((voting ? agreedStop : stopRequested) && pos.epoch < loop.epochs()) {
        (chief ? log : quiet).accept("stopped after epoch " + pos.epoch + "; checkpoint " + last);
        return stopped(pos, run, last, best);
      }
    }
    return new TrainResult(
        pos.history,
        pos.globalStep,
        false,
        run.dir(),
        Optional.ofNullable(last),
        Optional.ofNullable(best));
  }

  /** Tells the listeners the run stopped at the current step; the result of a stopped run. */
  private TrainResult stopped(Position pos, RunDirectory run, Path last, Path best) {
    for (TrainListener l : listeners) {
      l.onStopped(pos.globalStep);
    }
    return new TrainResult(
        pos.history, pos.globalStep, true, run.dir(), Optional.of(last), Optional.ofNullable(best));
  }

  /**
   * Stream of the Mixup/CutMix draws of training step {@code step}: a function of (seed, step), so
   * a resumed run mixes as an uninterrupted one.
   */
  static final long MIX_STREAM = -2;

  /** The mixed batch of step {@code step}, when the loop mixes. */
  private Optional<MixupCutmix.Mixed> mix(Optional<MixupCutmix> mixer, Batch b, long step) {
    return mixer.map(
        m ->
            m.apply(
                b.imagesArray(),
                b.labelsArray(),
                b.height(),
                b.width(),
                b.channels(),
                SplitMix64.derive(config.loop().seed(), step, MIX_STREAM)));
  }

  /**
   * Evaluates the graph in inference mode: its current parameters, or their EMA when the graph
   * keeps one (swapped in for the pass and back after it).
   */
  static EvalMetrics evaluate(ModelGraph g, BatchSource data, int batchSize, int maxBatches) {
    return evaluate(g, data, batchSize, maxBatches, Progress.silent());
  }

  /**
   * Evaluates {@code g}; in a cluster each task evaluates its shard of every batch and the sums are
   * added up over the tasks, so every task gets the metrics of the whole split.
   */
  static EvalMetrics evaluate(
      ModelGraph g, BatchSource data, int batchSize, int maxBatches, Progress bar) {
    if (!g.hasEma()) {
      return evaluateCurrent(g, data, batchSize, maxBatches, bar);
    }
    g.swapEma();
    try {
      return evaluateCurrent(g, data, batchSize, maxBatches, bar);
    } finally {
      g.swapEma();
    }
  }

  private static EvalMetrics evaluateCurrent(
      ModelGraph g, BatchSource data, int batchSize, int maxBatches, Progress bar) {
    double[] sums = new double[4];
    int batches = 0;
    try (BatchStream s = data.batches(0, 0, batchSize, false, 0, g.parallel().shard())) {
      while (s.hasNext() && (maxBatches == 0 || batches < maxBatches)) {
        try (Batch b = s.next()) {
          double[] r = g.evalBatch(b);
          sums[0] += r[0];
          sums[1] += r[1];
          sums[2] += r[2];
          sums[3] += b.size();
          bar.step(b.size(), sums[0] / sums[3], 0);
        }
        batches++;
      }
    }
    double[] all = g.reduceEvaluation(sums);
    long n = Math.round(all[3]);
    if (n == 0) {
      return new EvalMetrics(Double.NaN, Double.NaN, Double.NaN, 0);
    }
    return new EvalMetrics(all[0] / n, all[1] / n, all[2] / n, n);
  }

  private Path save(
      ModelGraph g,
      CheckpointManager ckpts,
      Position pos,
      ImageClassifier model,
      int stepsPerEpoch) {
    if (!g.parallel().chief()) {
      return ckpts.pathFor(pos.globalStep); // the chief's file
    }
    Checkpoint c = checkpoint(g, pos, model, stepsPerEpoch);
    return io(() -> ckpts.save(c, pos.globalStep));
  }

  private static void closeWatchdog(PeerWatchdog watchdog) {
    if (watchdog != null) {
      watchdog.close();
    }
  }

  /** Called by the watchdog: waits for a file being written, then hands over to the handler. */
  private void peerLost(CollectiveFailure f) {
    synchronized (ioLock) {
      Position p = current;
      onPeerLost.accept(p == null ? f : f.withDetail(where(p)));
    }
  }

  /** Where a failed cluster run stopped, for its one-line message. */
  private static String where(Position p) {
    return "; stopped at step "
        + p.globalStep
        + (p.lastCheckpoint == null
            ? " before any checkpoint"
            : ", last checkpoint " + p.lastCheckpoint.getFileName())
        + "; continue with --resume (with any number of tasks)";
  }

  private Checkpoint checkpoint(
      ModelGraph g, Position pos, ImageClassifier model, int stepsPerEpoch) {
    TrainingState state =
        new TrainingState(
            TrainingState.FORMAT_VERSION,
            TrainingState.KIND,
            model.name(),
            pos.globalStep,
            pos.epoch,
            pos.batch,
            stepsPerEpoch,
            pos.lossSum,
            pos.correct,
            pos.seen,
            pos.stepSeconds,
            pos.lastLr,
            pos.lastTemperature,
            pos.bestTop1,
            pos.history,
            config.optimizer(),
            config.trainingLoop());
    return new Checkpoint(state.toJson(), g.snapshot());
  }

  private void restore(
      ModelGraph g, Checkpoint c, Path file, Position pos, ImageClassifier model, int stepsPerEpoch)
      throws IOException {
    TrainingState s = TrainingState.parse(c.metadata(), file);
    if (!s.model().equals(model.name())) {
      throw new IllegalArgumentException(
          "resume: the checkpoint is of model '" + s.model() + "', not '" + model.name() + "'");
    }
    if (s.stepsPerEpoch() != stepsPerEpoch) {
      throw new IllegalArgumentException(
          "resume: the checkpoint was written with "
              + s.stepsPerEpoch()
              + " steps per epoch, this run has "
              + stepsPerEpoch
              + " (batch size, data or maxStepsPerEpoch changed)");
    }
    if (!s.optimizer().equals(config.optimizer()) || !s.loop().equals(config.trainingLoop())) {
      warn.accept(
          "resuming with a different configuration; metrics will differ from"
              + " an uninterrupted run.\n  saved: "
              + Json.write(s.optimizer())
              + " "
              + Json.write(s.loop())
              + "\n  now:   "
              + Json.write(config.optimizer())
              + " "
              + Json.write(config.trainingLoop()));
    }
    g.restore(c.tensors(), true);
    pos.globalStep = s.globalStep();
    pos.epoch = s.epoch();
    pos.batch = s.batchInEpoch();
    pos.lossSum = s.epochLossSum();
    pos.correct = s.epochCorrect();
    pos.seen = s.epochSeen();
    pos.stepSeconds = s.epochStepSeconds();
    pos.lastLr = s.lr();
    pos.lastTemperature = s.temperature();
    g.useTemperature(s.temperature());
    pos.bestTop1 = s.bestTop1();
    pos.history.addAll(s.history());
  }

  /**
   * Writes config.json: a fresh file for a run from step 0 without one, else the existing file with
   * this run's settings appended to its history if they changed.
   */
  private void writeConfig(RunDirectory run, boolean resumed, long globalStep) throws IOException {
    RunConfigFile file;
    if (resumed && run.hasConfig()) {
      file = run.readConfig().resumed(globalStep, config, commandLine, modelSection);
    } else {
      file = RunConfigFile.of(config, commandLine, modelSection);
    }
    run.writeConfig(file);
  }

  private static void checkData(ImageClassifier model, BatchSource data, String which) {
    Checks.check(
        data.input().sameShape(model.input()),
        which + " data input",
        data.input(),
        "must match the model's input " + model.input());
    Checks.check(
        data.numClasses() == model.numClasses(),
        which + " data numClasses",
        data.numClasses(),
        "must match the model's " + model.numClasses());
  }

  @FunctionalInterface
  private interface IoAction<T> {
    T run() throws IOException;
  }

  @FunctionalInterface
  private interface IoVoid {
    void run() throws IOException;
  }

  /**
   * Runs a resume read: a checkpoint of another version or with bad metadata is bad input (one line
   * naming the file), any other failure an I/O error.
   */
  private static <T> T resumeIo(IoAction<T> a) {
    try {
      return a.run();
    } catch (CheckpointVersionException | TrainingState.BadTrainingStateException e) {
      throw new IllegalArgumentException("resume: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes to the run directory, holding the lock a lost peer's handler waits for. */
  private <T> T io(IoAction<T> a) {
    synchronized (ioLock) {
      try {
        return a.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void io(IoVoid a) {
    io(
        () -> {
          a.run();
          return null;
        });
  }
}
