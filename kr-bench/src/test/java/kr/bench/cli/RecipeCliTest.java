package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import kr.core.kr.AttentionMode;
import kr.data.augment.Interpolation;
import kr.train.RunConfigFile;
import kr.train.RunDirectory;
import kr.train.TrainConfig;
import kr.train.config.AugmentConfig;
import kr.train.config.EmaConfig;
import kr.train.optim.Optimizers;
import kr.train.optim.Schedules;
import kr.train.optim.WeightDecayScope;
import kr.train.recipe.Recipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kr train --recipe}, {@code kr list recipes} and {@code kr recipe show}. */
class RecipeCliTest {
  @TempDir Path dir;

  private TrainConfig resolve(String... flags) {
    TrainCommand cmd = new TrainCommand();
    String[] required = {"--backbone", "test-cnn", "--dataset", "fashion-mnist", "--out", "o"};
    String[] args = new String[required.length + flags.length];
    System.arraycopy(required, 0, args, 0, required.length);
    System.arraycopy(flags, 0, args, required.length, flags.length);
    new CommandLine(cmd).parseArgs(args);
    return cmd.config(MethodOption.resolve(null, null, AttentionMode.OMNI));
  }

  @Test
  void recipeValuesApplyWhereNoFlagIsGiven() {
    TrainConfig c = resolve("--recipe", "deit");
    assertThat(c.optimizer().optimizer()).isEqualTo(Optimizers.ADAMW);
    assertThat(c.optimizer().lr()).isEqualTo(1e-3); // 5e-4 · 1024/512
    assertThat(c.optimizer().minLr()).isEqualTo(1e-5);
    assertThat(c.optimizer().weightDecay()).isEqualTo(0.05);
    assertThat(c.optimizer().decayScope()).isEqualTo(WeightDecayScope.TIMM);
    assertThat(c.optimizer().warmupEpochs()).isEqualTo(5);
    assertThat(c.optimizer().warmupLr()).isEqualTo(1e-6);
    assertThat(c.loop().epochs()).isEqualTo(300);
    assertThat(c.loop().batchSize()).isEqualTo(1024);
    assertThat(c.loop().labelSmoothing()).isEqualTo(0.1);
  }

  @Test
  void flagsGivenOverrideTheRecipeAndTheLrScalesWithTheBatchGiven() {
    TrainConfig c =
        resolve("--recipe", "deit", "--batch-size", "64", "--epochs", "3", "--wd", "0.01");
    assertThat(c.optimizer().lr()).isEqualTo(5e-4 * 64 / 512);
    assertThat(c.optimizer().warmupEpochs()).isEqualTo(1); // min(5, ⌈3/5⌉)
    assertThat(c.optimizer().weightDecay()).isEqualTo(0.01);
    assertThat(c.loop().epochs()).isEqualTo(3);
    assertThat(c.loop().batchSize()).isEqualTo(64);

    TrainConfig sgd =
        resolve(
            "--recipe",
            "odconv-resnet",
            "--lr",
            "0.2",
            "--schedule",
            "CONSTANT",
            "--label-smoothing",
            "0.2",
            "--warmup-epochs",
            "2");
    assertThat(sgd.optimizer().lr()).isEqualTo(0.2);
    assertThat(sgd.optimizer().schedule()).isEqualTo(Schedules.CONSTANT);
    assertThat(sgd.optimizer().nesterov()).isFalse();
    assertThat(sgd.optimizer().warmupEpochs()).isEqualTo(2);
    assertThat(sgd.loop().labelSmoothing()).isEqualTo(0.2);
    assertThat(sgd.loop().epochs()).isEqualTo(100);
  }

  @Test
  void withoutARecipeTheFlagDefaultsStand() {
    TrainConfig c = resolve("--epochs", "2");
    assertThat(c.optimizer().lr()).isEqualTo(1e-3);
    // The recipes' rule, min(5, ⌈epochs/5⌉), with or without a recipe.
    assertThat(c.optimizer().warmupEpochs()).isEqualTo(1);
    assertThat(resolve("--epochs", "12").optimizer().warmupEpochs()).isEqualTo(3);
    assertThat(resolve().optimizer().warmupEpochs()).isEqualTo(5); // 100 epochs
    assertThat(resolve("--epochs", "2", "--warmup-epochs", "2").optimizer().warmupEpochs())
        .isEqualTo(2);
    assertThat(c.optimizer().decayScope()).isEqualTo(WeightDecayScope.ALL);
    assertThat(c.loop().batchSize()).isEqualTo(128);
  }

  @Test
  void listAndShowPrintTheRecipes() {
    CliRun list = CliRun.kr("list", "recipes");
    assertThat(list.code()).as(list.err()).isZero();
    assertThat(list.out().lines().skip(1).map(l -> l.trim().split(" +")[0]))
        .containsExactly("deit", "poolformer", "cifar-vit", "odconv-resnet", "odconv-mobilenet");

    CliRun show = CliRun.kr("recipe", "show", "cifar-vit");
    assertThat(show.code()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("optimizer:              adam_l2")
        .contains("weight-decay:           5.0E-5")
        .contains("crop:                   pad4_crop_flip");

    CliRun unknown = CliRun.kr("recipe", "show", "deit3");
    assertThat(unknown.usageError()).contains("'deit3'").contains("deit, poolformer, cifar-vit");
  }

  @Test
  void unknownRecipeInTrainIsOneUsageLine() {
    CliRun r = CliRun.krTrain(dir.resolve("x"), "--backbone", "test-cnn", "--recipe", "nope");
    assertThat(r.usageError()).contains("'nope'").contains("odconv-mobilenet");
  }

  @Test
  void trainWithARecipeRecordsTheResolvedValuesInConfigJson() throws IOException {
    Path data = writeData();
    Path out = dir.resolve("run");
    CliRun train = CliRun.kr(CliRun.train(data, out, "--recipe", "odconv-resnet", "--epochs", "1"));
    assertThat(train.code()).as(train.err()).isZero();
    RunConfigFile file = new RunDirectory(out).readConfig();
    assertThat(file.optimizer().optimizer()).isEqualTo(Optimizers.SGD);
    assertThat(file.optimizer().lr()).isEqualTo(0.1 * 16 / 256);
    assertThat(file.optimizer().weightDecay()).isEqualTo(1e-4);
    assertThat(file.optimizer().nesterov()).isFalse();
    assertThat(file.optimizer().schedule()).isEqualTo(Schedules.STEP);
    assertThat(file.loop().epochs()).isEqualTo(1);
    assertThat(file.loop().batchSize()).isEqualTo(16);
  }

  @Test
  void theDeitPiecesComeFromTheRecipeAndEachFlagOverridesOne() {
    AugmentConfig deit = resolve("--recipe", "deit").loop().augment();
    assertThat(deit).isEqualTo(Recipes.get("deit").augment());
    assertThat(deit.mixupAlpha()).isEqualTo(0.8);
    assertThat(deit.interpolation()).isEqualTo(Interpolation.BICUBIC);
    TrainConfig c =
        resolve(
            "--recipe",
            "deit",
            "--mixup",
            "0",
            "--randaug",
            "none",
            "--reprob",
            "0.5",
            "--repeated-aug",
            "1",
            "--ema",
            "0.999",
            "--smoothing",
            "0");
    AugmentConfig a = c.loop().augment();
    assertThat(a.mixupAlpha()).isZero();
    assertThat(a.cutmixAlpha()).isEqualTo(1.0);
    assertThat(a.randAugment()).isEmpty();
    assertThat(a.randomErasing()).isEqualTo(0.5);
    assertThat(a.repeatedAugmentations()).isEqualTo(1);
    assertThat(c.loop().ema().decay()).isEqualTo(0.999);
    assertThat(c.loop().labelSmoothing()).isZero();
    TrainConfig plain = resolve("--cutmix", "1", "--interpolation", "BICUBIC");
    assertThat(plain.loop().augment())
        .isEqualTo(AugmentConfig.NONE.withCutmix(1).withInterpolation(Interpolation.BICUBIC));
    assertThat(resolve().loop().augment()).isEqualTo(AugmentConfig.NONE);
    assertThat(resolve().loop().ema()).isEqualTo(EmaConfig.OFF);
  }

  @Test
  void deitOnAViTTrainsWithEveryPieceAndRecordsThem() throws IOException {
    Path data = writeData();
    Path out = dir.resolve("deit");
    CliRun train =
        CliRun.kr(
            "train",
            "--recipe",
            "deit",
            "--backbone",
            "test-vit",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString(),
            "--epochs",
            "1",
            "--batch-size",
            "8",
            "--max-steps",
            "2",
            "--ema",
            "0.9",
            "--out",
            out.toString(),
            "--no-progress",
            "--threads",
            "1,1");
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("\"train_loss\":").doesNotContain("NaN");
    String config = Files.readString(out.resolve("config.json"));
    assertThat(config)
        .contains("\"rand_augment\" : \"rand-m9-mstd0.5-inc1\"")
        .contains("\"random_erasing\" : 0.25")
        .contains("\"cutmix_alpha\" : 1.0")
        .contains("\"repeated_augmentations\" : 3")
        .contains("\"interpolation\" : \"BICUBIC\"")
        .contains("\"decay\" : 0.9")
        .contains("\"drop_path\" : 0.1"); // a static ViT; dynamic models get 0

    CliRun cnn = CliRun.krTrain(dir.resolve("bad"), "--backbone", "test-cnn", "--drop-path", "0.1");
    assertThat(cnn.usageError()).contains("--drop-path").contains("test-cnn");
    CliRun reprob = CliRun.krTrain(dir.resolve("bad2"), "--backbone", "test-vit", "--reprob", "2");
    assertThat(reprob.code()).isEqualTo(2);
    assertThat(reprob.err()).contains("--reprob 2.0");
  }

  /** 32 training and 16 test images in the Fashion-MNIST IDX format. */
  private Path writeData() throws IOException {
    Path data = Files.createDirectories(dir.resolve("fmnist"));
    Random rnd = new Random(5);
    for (String prefix : new String[] {"train", "t10k"}) {
      int n = prefix.equals("train") ? 32 : 16;
      byte[] labels = new byte[n];
      byte[] pixels = new byte[n * 784];
      for (int i = 0; i < n; i++) {
        labels[i] = (byte) rnd.nextInt(10);
        for (int p = 0; p < 784; p++) {
          pixels[i * 784 + p] = (byte) ((p / 28) / 3 == labels[i] ? 220 : rnd.nextInt(30));
        }
      }
      KrCliTest.idx(data.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
      KrCliTest.idx(
          data.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, pixels);
    }
    return data;
  }
}
