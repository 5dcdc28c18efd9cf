package io.tributary.server.cli;

import io.tributary.server.Version;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code tributary version}: prints the version of this build and of the JVM it runs on. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Prints the version.")
public final class VersionCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("tributary " + Version.current() + " (Java " + Runtime.version() + ")");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
