/**
 * Rule actions on targets outside the rules job's Kafka transaction: HTTP endpoints and external
 * Kafka clusters, with bounded retries, exponential backoff, the AWS error action and counters.
 *
 * <p>The rules job writes one {@link io.tributary.connectors.ActionInvocation} per rule and message
 * to the {@code <prefix>rules.actions} topic, exactly once with its input. A
 * {@link io.tributary.connectors.ConnectorWorker} consumes that topic in a consumer group, runs every
 * action of an invocation through the {@link io.tributary.connectors.InvocationExecutor}, and commits
 * only after the batch is done, so external targets see each invocation at least once. When actions
 * still fail after their retries, one AWS error document ({@link io.tributary.connectors.ErrorDocument})
 * aggregating the failures goes to the rule's error action. Start with {@code ConnectorWorker}.
 *
 * <p>The target types ({@link io.tributary.connectors.Target}) are shared with the rules job, which
 * renders templates into them and writes platform targets itself.
 */
package io.tributary.connectors;
