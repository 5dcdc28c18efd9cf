package io.tributary.connectors;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * One rendered rule action: every substitution template already evaluated against the message.
 * Serialised as JSON with a {@code type} of {@code http}, {@code kafka} or {@code republish}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Target.Http.class, name = "http"),
    @JsonSubTypes.Type(value = Target.Kafka.class, name = "kafka"),
    @JsonSubTypes.Type(value = Target.Republish.class, name = "republish")})
public sealed interface Target {

  /** AWS's name of the action type in error documents: {@code HttpAction}, {@code KafkaAction}, ... */
  String actionName();

  /** What the action writes to, for {@code failures[].failedResource}: a URL or a topic. */
  String resource();

  /** A header of an HTTP request or a Kafka record. */
  record Header(String key, String value) {}

  /**
   * An HTTP POST of the rule output to {@code url}.
   *
   * @param headers request headers; a {@code content-type} header overrides the default
   */
  record Http(String url, List<Header> headers) implements Target {
    public Http {
      headers = headers == null ? List.of() : List.copyOf(headers);
    }

    @Override
    public String actionName() {
      return "HttpAction";
    }

    @Override
    public String resource() {
      return url;
    }
  }

  /**
   * A record on a Kafka topic.
   *
   * @param clientProperties producer properties of an external cluster; null for the platform's own
   * @param key record key, or null
   * @param partition explicit partition, or null for the default partitioner
   */
  record Kafka(Map<String, String> clientProperties, String topic, String key, Integer partition,
               List<Header> headers) implements Target {
    public Kafka {
      headers = headers == null ? List.of() : List.copyOf(headers);
      clientProperties = clientProperties == null ? null : Map.copyOf(clientProperties);
    }

    /** True when the record goes to the platform's Kafka cluster. */
    public boolean platform() {
      return clientProperties == null;
    }

    @Override
    public String actionName() {
      return "KafkaAction";
    }

    @Override
    public String resource() {
      return topic;
    }
  }

  /**
   * An MQTT publish through the platform's message topic, with MQTT 5 properties (null when absent).
   *
   * @param payloadFormat 0 (unspecified bytes) or 1 (UTF-8)
   * @param messageExpiry seconds
   */
  record Republish(String topic, int qos, String contentType, Integer payloadFormat, String responseTopic,
                   byte[] correlationData, Long messageExpiry, List<Header> userProperties) implements Target {
    public Republish {
      userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** A republish without MQTT 5 properties. */
    public static Republish of(String topic, int qos) {
      return new Republish(topic, qos, null, null, null, null, null, List.of());
    }

    @Override
    public String actionName() {
      return "RepublishAction";
    }

    @Override
    public String resource() {
      return topic;
    }
  }
}
