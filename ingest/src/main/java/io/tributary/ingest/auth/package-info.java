/**
 * Security hooks of the gateway. {@link io.tributary.ingest.auth.Authenticator} decides at CONNECT
 * (and for HTTP requests) who a client is; {@link io.tributary.ingest.auth.Authorizer} decides every
 * PUBLISH, SUBSCRIBE and delivery. The only implementation so far is {@link
 * io.tributary.ingest.auth.DevModeSecurity}, for a loopback-only development node.
 */
package io.tributary.ingest.auth;
