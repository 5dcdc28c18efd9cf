package io.tributary.connectors;

import java.util.List;

/**
 * What the rules job hands to the connectors for one rule and one message: the rule output, the
 * rendered external actions, failures the job already met (a platform action that could not be
 * written), and the rendered error action.
 *
 * @param ruleName the rule
 * @param topic the topic of the triggering message
 * @param clientId its publisher, or null
 * @param traceId its trace id, or null
 * @param originalPayload the triggering message's bytes (for {@code base64OriginalPayload})
 * @param payload the rule's SELECT output, what every action sends
 * @param json true when {@code payload} is JSON (HTTP's default content type depends on it)
 * @param actions the actions to run; each one independently
 * @param failures failures already known for this rule and message
 * @param errorAction the action that receives the error document, or null
 * @param hops republish hops of the triggering message ({@link RuleRecords#HOPS_HEADER})
 */
public record ActionInvocation(
    String ruleName,
    String topic,
    String clientId,
    String traceId,
    byte[] originalPayload,
    byte[] payload,
    boolean json,
    List<Target> actions,
    List<Failure> failures,
    Target errorAction,
    int hops) {

  public ActionInvocation {
    actions = actions == null ? List.of() : List.copyOf(actions);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }
}
