package io.tributary.server.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.server.TributaryNode;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.Action;
import software.amazon.awssdk.services.iot.model.GetTopicRuleResponse;
import software.amazon.awssdk.services.iot.model.InvalidRequestException;
import software.amazon.awssdk.services.iot.model.KafkaAction;
import software.amazon.awssdk.services.iot.model.LambdaAction;
import software.amazon.awssdk.services.iot.model.ListTopicRulesResponse;
import software.amazon.awssdk.services.iot.model.RepublishAction;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.iot.model.SqlParseException;
import software.amazon.awssdk.services.iot.model.TopicRuleListItem;
import software.amazon.awssdk.services.iot.model.TopicRulePayload;
import software.amazon.awssdk.services.iot.model.UnauthorizedException;

/** The topic-rule API as the AWS SDK for Java v2 ({@code IotClient}) sees it. */
@ExtendWith(SharedRulesNode.class)
class TopicRuleSdkIT {
  private static IotClient iot;
  private static RuleTestKit.Rest rest;

  @BeforeAll
  static void connect(TributaryNode node) {
    iot = IotClient.builder()
        .endpointOverride(URI.create("http://127.0.0.1:" + node.httpPort()))
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
        .build();
    rest = new RuleTestKit.Rest(node);
  }

  @AfterAll
  static void close() {
    iot.close();
  }

  private static TopicRulePayload payload(String sql, Action... actions) {
    return TopicRulePayload.builder().sql(sql).awsIotSqlVersion("2016-03-23").description("made by the SDK")
        .ruleDisabled(false).actions(actions)
        .errorAction(Action.builder().republish(RepublishAction.builder().topic("errors/${topic()}")
            .roleArn("arn:aws:iam::123456789012:role/r").build()).build())
        .build();
  }

  private static Action republish(String topic) {
    return Action.builder().republish(RepublishAction.builder().topic(topic).qos(1)
        .roleArn("arn:aws:iam::123456789012:role/r").build()).build();
  }

  @Test
  void createGetReplaceDisableEnableAndDelete() {
    iot.createTopicRule(b -> b.ruleName("sdk_rule").topicRulePayload(
        payload("SELECT * FROM 'sdk/+/in'", republish("sdk/${topic(2)}/out"))));

    GetTopicRuleResponse got = iot.getTopicRule(b -> b.ruleName("sdk_rule"));
    assertThat(got.ruleArn()).isEqualTo("arn:aws:iot:us-east-1:123456789012:rule/sdk_rule");
    assertThat(got.rule().ruleName()).isEqualTo("sdk_rule");
    assertThat(got.rule().sql()).isEqualTo("SELECT * FROM 'sdk/+/in'");
    assertThat(got.rule().description()).isEqualTo("made by the SDK");
    assertThat(got.rule().awsIotSqlVersion()).isEqualTo("2016-03-23");
    assertThat(got.rule().ruleDisabled()).isFalse();
    assertThat(got.rule().createdAt()).isNotNull();
    assertThat(got.rule().actions()).singleElement()
        .satisfies(a -> assertThat(a.republish().topic()).isEqualTo("sdk/${topic(2)}/out"));
    assertThat(got.rule().errorAction().republish().topic()).isEqualTo("errors/${topic()}");

    iot.replaceTopicRule(b -> b.ruleName("sdk_rule").topicRulePayload(payload("SELECT temp FROM 'sdk/+/in'",
        Action.builder().kafka(KafkaAction.builder().destinationArn("arn:aws:iot:us-east-1:123456789012:ruledestination/vpc/x")
            .topic("sdk-out").clientProperties(java.util.Map.of("bootstrap.servers", "tributary")).build()).build())));
    GetTopicRuleResponse replaced = iot.getTopicRule(b -> b.ruleName("sdk_rule"));
    assertThat(replaced.rule().sql()).isEqualTo("SELECT temp FROM 'sdk/+/in'");
    assertThat(replaced.rule().actions().get(0).kafka().topic()).isEqualTo("sdk-out");
    assertThat(replaced.rule().createdAt()).isEqualTo(got.rule().createdAt());

    iot.disableTopicRule(b -> b.ruleName("sdk_rule"));
    assertThat(iot.getTopicRule(b -> b.ruleName("sdk_rule")).rule().ruleDisabled()).isTrue();
    iot.enableTopicRule(b -> b.ruleName("sdk_rule"));
    assertThat(iot.getTopicRule(b -> b.ruleName("sdk_rule")).rule().ruleDisabled()).isFalse();

    iot.deleteTopicRule(b -> b.ruleName("sdk_rule"));
    assertThatThrownBy(() -> iot.getTopicRule(b -> b.ruleName("sdk_rule")))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(401);
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Access to topic rule 'sdk_rule' was denied");
        });
  }

  @Test
  void listsWithTopicDisabledFilterAndPages() {
    for (String name : new String[] {"list_a", "list_b", "list_c"}) {
      iot.createTopicRule(b -> b.ruleName(name).topicRulePayload(payload("SELECT * FROM 'list/" + name + "/#'",
          republish("x"))));
    }
    iot.disableTopicRule(b -> b.ruleName("list_b"));

    ListTopicRulesResponse page1 = iot.listTopicRules(b -> b.maxResults(1).topic("list/list_a/#"));
    assertThat(page1.rules()).extracting(TopicRuleListItem::ruleName).containsExactly("list_a");
    assertThat(page1.rules().get(0).topicPattern()).isEqualTo("list/list_a/#");
    assertThat(page1.rules().get(0).ruleArn()).endsWith(":rule/list_a");
    assertThat(iot.listTopicRules(b -> b.topic("list/list_c/deep/topic")).rules())
        .extracting(TopicRuleListItem::ruleName).containsExactly("list_c");
    assertThat(iot.listTopicRules(b -> b.ruleDisabled(true)).rules())
        .extracting(TopicRuleListItem::ruleName).contains("list_b").doesNotContain("list_a", "list_c");

    java.util.List<String> paged = new java.util.ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListTopicRulesResponse page = iot.listTopicRules(b -> b.maxResults(1).nextToken(t));
      page.rules().forEach(r -> paged.add(r.ruleName()));
      token = page.nextToken();
    } while (token != null);
    assertThat(paged).containsSubsequence("list_a", "list_b", "list_c").doesNotHaveDuplicates();
  }

  @Test
  void answersAwsErrorTypes() {
    iot.createTopicRule(b -> b.ruleName("dup").topicRulePayload(payload("SELECT * FROM 'd'", republish("x"))));
    assertThatThrownBy(() -> iot.createTopicRule(b -> b.ruleName("dup")
        .topicRulePayload(payload("SELECT * FROM 'd'", republish("x")))))
        .isInstanceOfSatisfying(ResourceAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

    assertThatThrownBy(() -> iot.createTopicRule(b -> b.ruleName("bad_sql")
        .topicRulePayload(payload("SELECT FROM 'd'", republish("x")))))
        .isInstanceOfSatisfying(SqlParseException.class, e ->
            assertThat(e.awsErrorDetails().errorMessage()).startsWith("Line 1:8: "));

    assertThatThrownBy(() -> iot.createTopicRule(b -> b.ruleName("to_lambda").topicRulePayload(payload("SELECT * FROM 'd'",
        Action.builder().lambda(LambdaAction.builder().functionArn("arn:aws:lambda:us-east-1:123456789012:function:f")
            .build()).build()))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
            .contains("Action type 'lambda'").contains("not supported by Tributary"));

    assertThatThrownBy(() -> iot.replaceTopicRule(b -> b.ruleName("missing")
        .topicRulePayload(payload("SELECT * FROM 'd'", republish("x")))))
        .isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> iot.enableTopicRule(b -> b.ruleName("missing"))).isInstanceOf(UnauthorizedException.class);
    assertThatThrownBy(() -> iot.deleteTopicRule(b -> b.ruleName("missing"))).isInstanceOf(UnauthorizedException.class);
  }

  @Test
  void rawRestAnswersCarryTheErrorTypeHeader() throws Exception {
    HttpResponse<String> badName = rest.send("POST", "/rules/has-hyphen", "{\"sql\":\"SELECT * FROM 'a'\",\"actions\":[]}");
    assertThat(badName.statusCode()).isEqualTo(400);
    assertThat(badName.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
    assertThat(badName.body()).contains("Rule name 'has-hyphen' is invalid");

    HttpResponse<String> notJson = rest.send("POST", "/rules/nj", "{not json");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(notJson.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");

    HttpResponse<String> badMax = rest.send("GET", "/rules?maxResults=0", null);
    assertThat(badMax.statusCode()).isEqualTo(400);
  }
}
