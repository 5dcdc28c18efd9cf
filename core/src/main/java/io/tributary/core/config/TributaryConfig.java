package io.tributary.core.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Root of the configuration. Sections are bindable beans: Jackson fills them from YAML, overrides
 * are applied by path ({@code mqtt.port}), and tests adjust fields directly.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public final class TributaryConfig {
  public NodeConfig node = new NodeConfig();
  public KafkaConfig kafka = new KafkaConfig();
  public ListenersConfig listeners = new ListenersConfig();
  public TlsConfig tls = new TlsConfig();
  public MqttConfig mqtt = new MqttConfig();
  public ShadowConfig shadow = new ShadowConfig();
  public RulesConfig rules = new RulesConfig();

  public static TributaryConfig defaults() {
    return new TributaryConfig();
  }
}
