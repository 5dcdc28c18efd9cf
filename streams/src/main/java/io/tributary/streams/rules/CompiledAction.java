package io.tributary.streams.rules;

import io.tributary.connectors.Target;
import io.tributary.rules.MessageContext;
import io.tributary.rules.RuleOutput;

/** One action of a rule with its substitution templates compiled; renders a {@link Target} per message. */
sealed interface CompiledAction permits RepublishAction, KafkaAction, HttpAction {

  /**
   * Evaluates the templates against the original message.
   *
   * @throws ActionException when a rendered value is unusable (an invalid topic, a bad partition ...)
   */
  Target render(MessageContext message, RuleOutput output);
}
