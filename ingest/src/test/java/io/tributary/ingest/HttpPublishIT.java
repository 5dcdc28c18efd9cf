package io.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** AWS IoT's HTTP Publish: {@code POST /topics/{topic}} reaches MQTT subscribers, with AWS's answers and errors. */
class HttpPublishIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static GatewayHarness harness;
  static GatewayHarness.Node node;

  @BeforeAll
  static void start() throws Exception {
    harness = new GatewayHarness();
    node = harness.start();
  }

  @AfterAll
  static void stop() throws Exception {
    harness.close();
  }

  @Test
  void publishWithAnEncodedSlashReachesTheSubscriberAndAnswersLikeAws() throws Exception {
    String topic = unique("http") + "/b";
    Mqtt5BlockingClient sub = connected();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      HttpResponse<String> r = post(topic.replace("/", "%2F") + "?qos=1", "hello", null);
      assertThat(r.statusCode()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.get("message").asText()).isEqualTo("OK");
      assertThat(UUID.fromString(body.get("traceId").asText())).isNotNull();
      assertThat(r.headers().firstValue("x-amzn-RequestId")).hasValue(body.get("traceId").asText());
      assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

      Mqtt5Publish got = in.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(got.getTopic().toString()).isEqualTo(topic);
      assertThat(new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      assertThat(got.getQos()).isEqualTo(MqttQos.AT_LEAST_ONCE);
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void badQosOrRetainIsAnInvalidRequest() throws Exception {
    for (String query : new String[] {"?qos=2", "?qos=one", "?retain=yes"}) {
      HttpResponse<String> r = post("http%2Fbad" + query, "x", null);
      assertThat(r.statusCode()).as(query).isEqualTo(400);
      assertThat(r.headers().firstValue("x-amzn-ErrorType")).as(query).hasValue("InvalidRequestException");
      assertThat(JSON.readTree(r.body()).get("message").asText()).isNotEmpty();
    }
    HttpResponse<String> wildcard = post("http%2F%2B", "x", null);
    assertThat(wildcard.statusCode()).as("publishing to a wildcard").isEqualTo(400);
  }

  @Test
  void payloadOverTheLimitIsRequestEntityTooLarge() throws Exception {
    HttpResponse<String> r = post("http%2Fhuge", "x".repeat(128 * 1024 + 1), null);
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("RequestEntityTooLargeException");
  }

  @Test
  void retainTrueStoresTheRetainedMessage() throws Exception {
    String topic = unique("http/retained");
    assertThat(post(topic.replace("/", "%2F") + "?qos=1&retain=true", "kept", null).statusCode()).isEqualTo(200);
    HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(
        URI.create(base() + "/retainedMessage/" + topic.replace("/", "%2F"))).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(new String(Base64.getDecoder().decode(JSON.readTree(stored.body()).get("payload").asText()),
        StandardCharsets.UTF_8)).isEqualTo("kept");

    Mqtt5BlockingClient sub = connected();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      Mqtt5Publish got = in.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(got.isRetain()).isTrue();
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void mqtt5HeadersAndParametersReachAnMqtt5Subscriber() throws Exception {
    String topic = unique("http/props");
    Mqtt5BlockingClient sub = connected();
    try (var in = sub.publishes(MqttGlobalPublishFilter.ALL)) {
      sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send();
      String users = Base64.getEncoder().encodeToString(
          "[{\"deviceName\":\"alpha\"},{\"deviceCnt\":\"45\"}]".getBytes(StandardCharsets.UTF_8));
      HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base() + "/topics/" + topic.replace("/", "%2F")
              + "?qos=1&contentType=text%2Fplain&responseTopic=reply%2Fhere&messageExpiry=120"))
          .header("x-amz-mqtt5-user-properties", users)
          .header("x-amz-mqtt5-payload-format-indicator", "UTF8_DATA")
          .header("x-amz-mqtt5-correlation-data", Base64.getEncoder().encodeToString(new byte[] {7, 8, 9}))
          .POST(HttpRequest.BodyPublishers.ofString("{}"));
      assertThat(HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      Mqtt5Publish got = in.receive(10, TimeUnit.SECONDS).orElseThrow();
      assertThat(got.getUserProperties().asList()).extracting(p -> p.getName() + "=" + p.getValue())
          .containsExactly("deviceName=alpha", "deviceCnt=45");
      assertThat(got.getContentType()).hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("text/plain"));
      assertThat(got.getResponseTopic()).hasValueSatisfying(t -> assertThat(t.toString()).isEqualTo("reply/here"));
      assertThat(got.getPayloadFormatIndicator()).hasValue(Mqtt5PayloadFormatIndicator.UTF_8);
      assertThat(got.getCorrelationData()).hasValueSatisfying(b -> {
        byte[] bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
        assertThat(bytes).containsExactly(7, 8, 9);
      });
      assertThat(got.getMessageExpiryInterval()).isPresent();
      assertThat(got.getMessageExpiryInterval().getAsLong()).isBetween(100L, 120L);
    } finally {
      sub.disconnect();
    }
  }

  @Test
  void badUserPropertiesHeaderIsAnInvalidRequest() throws Exception {
    HttpResponse<String> r = post("http%2Fbadprops", "x", "not base64!");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-ErrorType")).hasValue("InvalidRequestException");
  }

  private static HttpResponse<String> post(String pathAndQuery, String body, String userProperties) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + "/topics/" + pathAndQuery))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (userProperties != null) {
      b.header("x-amz-mqtt5-user-properties", userProperties);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String base() {
    return "http://127.0.0.1:" + node.httpPort();
  }

  private static Mqtt5BlockingClient connected() {
    Mqtt5BlockingClient c = Mqtt.v5(node, Mqtt.id("httpsub"));
    c.connect();
    return c;
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
