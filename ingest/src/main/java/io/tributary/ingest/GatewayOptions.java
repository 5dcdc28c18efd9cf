package io.tributary.ingest;

import io.tributary.core.config.TributaryConfig;
import io.tributary.ingest.auth.Authenticator;
import io.tributary.ingest.auth.Authorizer;
import io.tributary.ingest.auth.DevModeSecurity;
import io.vertx.core.net.KeyCertOptions;
import java.time.Clock;

/**
 * What a gateway needs to start.
 *
 * @param config node configuration
 * @param nodeId this node's id
 * @param bootstrapServers Kafka cluster
 * @param tls server key and certificate for the TLS MQTT listener; null for none
 * @param authenticator who clients are
 * @param authorizer what they may do
 * @param clock time source
 */
public record GatewayOptions(TributaryConfig config, String nodeId, String bootstrapServers, KeyCertOptions tls,
    Authenticator authenticator, Authorizer authorizer, Clock clock) {

  /** Development mode: anonymous clients may do anything. Only for a loopback-only node. */
  public GatewayOptions(TributaryConfig config, String nodeId, String bootstrapServers, KeyCertOptions tls) {
    this(config, nodeId, bootstrapServers, tls, DevModeSecurity.INSTANCE, DevModeSecurity.INSTANCE, Clock.systemUTC());
  }
}
