package io.tributary.ingest.auth;

import java.security.cert.Certificate;
import java.util.List;

/**
 * What a client presented when it connected.
 *
 * @param clientId MQTT client id (empty for HTTP)
 * @param username MQTT user name, or null
 * @param password MQTT password bytes, or null
 * @param remoteAddress client's address as text
 * @param peerCertificates TLS client certificate chain, empty without mutual TLS
 * @param transport {@code mqtt}, {@code mqtt-tls}, {@code mqtt-ws}, {@code http}
 */
public record ConnectInfo(String clientId, String username, byte[] password, String remoteAddress,
    List<Certificate> peerCertificates, String transport) {}
