package io.tributary.core.config;

/**
 * Server certificate for the TLS listeners. When both files are absent, a self-signed certificate
 * is generated on first start under {@code <dataDir>/tls} and reused afterwards.
 */
public final class TlsConfig {
  /** PEM certificate chain of the server. */
  public String certFile;
  /** PEM private key (PKCS#8) of the server. */
  public String keyFile;
}
