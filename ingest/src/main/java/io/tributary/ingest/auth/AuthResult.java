package io.tributary.ingest.auth;

/** Outcome of authentication: a principal, or why the client is refused. */
public record AuthResult(Principal principal, Refusal refusal) {
  public static AuthResult allow(Principal p) {
    return new AuthResult(p, null);
  }

  public static AuthResult refuse(Refusal why) {
    return new AuthResult(null, why);
  }

  public boolean allowed() {
    return principal != null;
  }

  /** Reasons, mapped to CONNACK codes 0x86 and 0x87 (MQTT 3.1.1: 4 and 5). */
  public enum Refusal { BAD_CREDENTIALS, NOT_AUTHORIZED }
}
