/**
 * The topic-rule control plane of a node: AWS IoT's CreateTopicRule, GetTopicRule, ListTopicRules,
 * ReplaceTopicRule, DeleteTopicRule, EnableTopicRule and DisableTopicRule over REST, storing rules
 * on the compacted {@code <prefix>rules} topic that every node's rules job reads. Start with
 * {@link io.tributary.server.rules.TopicRuleApi}; validation and the stored document are
 * {@link io.tributary.streams.rules.RuleCompiler} and {@link io.tributary.streams.rules.TopicRule}.
 */
package io.tributary.server.rules;
