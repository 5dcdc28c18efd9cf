package io.tributary.server;

import io.tributary.server.cli.StartCommand;
import io.tributary.server.cli.VersionCommand;
import io.tributary.server.config.ConfigException;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code tributary} command: {@code start}, {@code version}, {@code --help}. */
@Command(name = "tributary", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
    description = "Tributary: an AWS IoT Core compatible device platform on Apache Kafka.",
    subcommands = CommandLine.HelpCommand.class)
public final class Main implements Runnable {
  /** Exit code when a command failed while running. */
  static final int FAILED = 1;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), Main::untilShutdown,
        new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line; returns the exit code. {@code whileRunning} holds a started node. */
  static int run(String[] args, Map<String, String> environment, Consumer<TributaryNode> whileRunning,
                 PrintWriter out, PrintWriter err) {
    CommandLine cli = new CommandLine(new Main())
        .addSubcommand(new StartCommand(environment, whileRunning))
        .addSubcommand(new VersionCommand())
        .setOut(out)
        .setErr(err)
        .setExecutionExceptionHandler((e, line, parsed) -> {
          line.getErr().println("tributary: " + e.getMessage());
          line.getErr().flush();
          return e instanceof ConfigException ? StartCommand.REFUSED : FAILED;
        });
    return cli.execute(args);
  }

  /** Without a subcommand: print the usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Keeps the node running until the JVM is asked to stop (Ctrl-C, SIGTERM), then closes it. */
  private static void untilShutdown(TributaryNode node) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      node.close();
      stopped.countDown();
    }, "tributary-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Supplies {@code --version}. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"tributary " + Version.current()};
    }
  }
}
