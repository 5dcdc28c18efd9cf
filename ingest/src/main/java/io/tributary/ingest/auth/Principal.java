package io.tributary.ingest.auth;

/**
 * Who a connection is.
 *
 * @param id certificate id, access key id or authorizer principal; AWS's {@code principal()}
 * @param thingName thing attached to the connection, or null
 */
public record Principal(String id, String thingName) {
  public static final Principal ANONYMOUS = new Principal("anonymous", null);
}
