package io.tributary.server.cli;

import io.tributary.core.config.TributaryConfig;
import io.tributary.server.TributaryNode;
import io.tributary.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary start}: loads the configuration and runs a node until the process is stopped. */
@Command(name = "start", mixinStandardHelpOptions = true,
    description = {
        "Starts a Tributary node: embedded Kafka (unless kafka.bootstrap is set), MQTT, HTTP and HTTPS listeners.",
        "Configuration layers, later ones win: defaults, --config FILE, TRIBUTARY_<SECTION>_<FIELD> environment "
            + "variables, then --dev, --data-dir and --set in the order given."})
public final class StartCommand implements Callable<Integer> {
  /** Exit code when the node must not start as asked (no --dev, bad configuration). */
  public static final int REFUSED = 2;

  @Spec private CommandSpec spec;

  @Option(names = "--dev", description = "Development mode: anonymous clients, every listener on 127.0.0.1 only.")
  private boolean dev;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (node.dataDir, default ./data).")
  private Path dataDir;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file.")
  private Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Sets one key, e.g. --set mqtt.maxPayloadBytes=1000. Repeatable.")
  private List<String> assignments = new ArrayList<>();

  private final Map<String, String> environment;
  private final Consumer<TributaryNode> whileRunning;

  /**
   * @param environment  the process environment, read for {@code TRIBUTARY_*} variables
   * @param whileRunning called with the started node; the node is closed when it returns
   */
  public StartCommand(Map<String, String> environment, Consumer<TributaryNode> whileRunning) {
    this.environment = environment;
    this.whileRunning = whileRunning;
  }

  @Override
  public Integer call() {
    TributaryConfig config = configuration();
    if (!config.node.dev) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("tributary: " + TributaryNode.AUTHENTICATION_UNAVAILABLE);
      err.flush();
      return REFUSED;
    }
    if (config.node.flightRecorder) {
      FlightRecorderPrimer.prime(); // before the node compiles anything hot: see FlightRecorderPrimer
    }
    try (TributaryNode node = TributaryNode.start(config)) {
      whileRunning.accept(node);
    }
    return 0;
  }

  /** The configuration from every layer, later ones overriding earlier ones. */
  TributaryConfig configuration() {
    ConfigLoader loader = new ConfigLoader();
    if (configFile != null) {
      loader.file(configFile);
    }
    loader.environment(environment);
    if (dev) {
      loader.set("node.dev", "true", "--dev");
    }
    if (dataDir != null) {
      loader.set("node.dataDir", dataDir.toString(), "--data-dir");
    }
    assignments.forEach(loader::assignment);
    return loader.load();
  }
}
