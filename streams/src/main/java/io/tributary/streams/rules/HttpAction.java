package io.tributary.streams.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.connectors.Target;
import io.tributary.rules.CompiledRule;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;
import io.tributary.rules.Template;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/**
 * The {@code http} action: a POST to {@code url} (a template) with {@code headers} (literal keys,
 * template values). Unlike AWS, plain {@code http://} and any port are allowed, and no topic-rule
 * destination has to be confirmed: a {@code confirmationUrl} is only checked to be a prefix of the
 * URL. SigV4 {@code auth} and batching are refused.
 */
final class HttpAction implements CompiledAction {
  private static final String WHERE = "http";

  private final Template url;
  private final List<Json.Pair> headers;

  HttpAction(CompiledRule rule, JsonNode node) {
    String text = Json.text(node, "url", WHERE, true);
    if (text.length() > 2000 || !(text.startsWith("http://") || text.startsWith("https://"))) {
      throw InvalidRuleException.invalid("http.url must be an http:// or https:// URL of at most 2000 characters");
    }
    String confirmation = Json.text(node, "confirmationUrl", WHERE, false);
    if (confirmation != null && !text.startsWith(confirmation)) {
      throw InvalidRuleException.invalid("http.confirmationUrl must be a prefix of http.url");
    }
    if (node.hasNonNull("auth")) {
      throw InvalidRuleException.invalid("http.auth (SigV4 signing) is not supported by Tributary");
    }
    if (node.path("enableBatching").asBoolean(false)) {
      throw InvalidRuleException.invalid("http.enableBatching is not supported by Tributary");
    }
    url = Json.template(rule, text, WHERE + ".url");
    headers = Json.pairs(rule, node, "headers", WHERE, false);
  }

  @Override
  public Target render(MessageContext m, RuleOutput out) {
    String u = url.render(m, out);
    try {
      URI uri = new URI(u);
      if (uri.getHost() == null) {
        throw new URISyntaxException(u, "no host");
      }
    } catch (URISyntaxException e) {
      throw new ActionException("HttpAction", u, "HTTP URL '" + u + "' is invalid: " + e.getMessage());
    }
    return new Target.Http(u, Json.render(headers, m, out));
  }
}
