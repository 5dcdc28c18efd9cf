package io.tributary.server.rules;

import io.tributary.server.TributaryNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One dev node shared by the rules integration test classes of a test run (starting a node is
 * the slow part); stopped when the run ends. Resolves {@link TributaryNode} parameters.
 */
final class SharedRulesNode implements ParameterResolver {

  private record Resource(TributaryNode node, Path dir) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      node.close();
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TributaryNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context.getRoot().getStore(ExtensionContext.Namespace.create(SharedRulesNode.class))
        .getOrComputeIfAbsent("node", key -> start(), Resource.class).node();
  }

  private static Resource start() {
    try {
      Path dir = Files.createTempDirectory("tributary-rules-it");
      return new Resource(RuleTestKit.node(dir), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
