/**
 * The rules job: AWS IoT topic rules run as a Kafka Streams application over the message topic.
 *
 * <p>Start with {@link io.tributary.streams.rules.RulesJob} (lifecycle) and
 * {@link io.tributary.streams.rules.RulesTopology} (the graph). Rules arrive through a consumer of
 * the compacted {@code <prefix>rules} topic that runs for the job's whole life, are compiled once
 * into a copy-on-write catalog, and indexed per stream task by FROM filter in a
 * {@link io.tributary.core.topic.SubscriptionTrie}. Per message: decode the envelope, find the
 * matching rules, build one {@link io.tributary.rules.MessageContext}, evaluate, and dispatch the
 * actions: republish and platform-Kafka records are written by the job itself, exactly once with
 * the input; HTTP and external-Kafka actions become invocations on {@code <prefix>rules.actions}
 * for {@link io.tributary.connectors.ConnectorWorker}. While no rule is enabled the job closes its
 * Streams instance; the first rule enabled afterwards moves the group's offsets forward to the
 * messages it may see before the instance starts again (see {@code RulesJob}, {@code SkipAhead}).
 *
 * <p>{@link io.tributary.streams.rules.TopicRule} (the stored rule document) and
 * {@link io.tributary.streams.rules.RuleCompiler#check} (validation with AWS error codes) are also
 * what the control plane uses.
 */
package io.tributary.streams.rules;
