package kr.bench.cli;

import kr.bench.dynamic.DynamicBenchCommand;
import kr.bench.dynamic.MethodBenchCommand;
import kr.bench.pipeline.PipelineBenchCommand;
import kr.bench.scaling.ScalingBenchCommand;
import kr.bench.soak.SoakBenchCommand;
import kr.bench.speed.SpeedBenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kr bench ...}: throughput benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks: dynamic vs static layer time, per strategy and per method; input pipeline vs"
            + " training step; memory soak; data-parallel scaling; whole-model speed and memory.",
    subcommands = {
      DynamicBenchCommand.class,
      MethodBenchCommand.class,
      PipelineBenchCommand.class,
      SoakBenchCommand.class,
      ScalingBenchCommand.class,
      SpeedBenchCommand.class
    })
public final class BenchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: expected one of " + spec.subcommands().keySet());
  }
}
