/**
 * The server certificate of the TLS listeners (MQTT over TLS, HTTPS). Start at
 * {@link io.tributary.server.tls.ServerCertificate#load}: configured PEM files are used as they
 * are; otherwise a self-signed certificate is generated once under {@code <dataDir>/tls} by
 * {@link io.tributary.server.tls.SelfSignedCertificate} and reused on every later start.
 */
package io.tributary.server.tls;
