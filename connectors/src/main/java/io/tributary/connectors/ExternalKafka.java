package io.tributary.connectors;

import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Producers for the external clusters of Kafka actions, one per distinct {@code clientProperties}.
 *
 * <p>AWS's {@code clientProperties} are mapped onto Java producer settings: every key the Java
 * producer knows ({@code bootstrap.servers}, {@code security.protocol}, {@code acks},
 * {@code compression.type}, {@code sasl.mechanism}, {@code ssl.*} file settings ...) is passed
 * through; {@code sasl.plain.username}/{@code password} and {@code sasl.scram.username}/{@code password}
 * become a {@code sasl.jaas.config}; other keys are ignored. Unlike AWS, whose default is SSL, the
 * security protocol defaults to the Java client's PLAINTEXT.
 */
final class ExternalKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExternalKafka.class);
  private static final Set<String> KNOWN = ProducerConfig.configNames();

  private final Map<Map<String, String>, ProducerWriter> producers = new ConcurrentHashMap<>();
  private final RetryPolicy policy;

  ExternalKafka(RetryPolicy policy) {
    this.policy = policy;
  }

  ProducerWriter producerFor(Map<String, String> clientProperties) {
    return producers.computeIfAbsent(clientProperties, this::create);
  }

  private ProducerWriter create(Map<String, String> clientProperties) {
    return new ProducerWriter(properties(clientProperties, policy));
  }

  static Properties properties(Map<String, String> clientProperties, RetryPolicy policy) {
    Properties p = new Properties();
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
    long timeout = policy.requestTimeout().toMillis() * policy.maxAttempts();
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(timeout));
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(policy.requestTimeout().toMillis()));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(timeout + 1000));
    p.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, String.valueOf(policy.initialBackoff().toMillis()));
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    clientProperties.forEach((key, value) -> {
      if (KNOWN.contains(key) && !key.endsWith(".serializer")) {
        p.put(key, value);
      } else if (!key.startsWith("sasl.plain.") && !key.startsWith("sasl.scram.")) {
        LOG.debug("Kafka action client property {} has no Java producer equivalent; ignored", key);
      }
    });
    jaas(clientProperties, "sasl.plain.", "org.apache.kafka.common.security.plain.PlainLoginModule", p);
    jaas(clientProperties, "sasl.scram.", "org.apache.kafka.common.security.scram.ScramLoginModule", p);
    return p;
  }

  private static void jaas(Map<String, String> props, String prefix, String module, Properties out) {
    String user = props.get(prefix + "username");
    if (user != null) {
      out.put("sasl.jaas.config", module + " required username=\"" + user.replace("\"", "\\\"")
          + "\" password=\"" + props.getOrDefault(prefix + "password", "").replace("\"", "\\\"") + "\";");
    }
  }

  @Override
  public void close() {
    producers.values().forEach(ProducerWriter::close);
    producers.clear();
  }
}
