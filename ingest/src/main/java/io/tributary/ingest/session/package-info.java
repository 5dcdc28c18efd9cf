/**
 * Sessions: {@link io.tributary.ingest.session.SessionRecord} is a client's durable state on the
 * compacted sessions topic; {@link io.tributary.ingest.session.SessionStore} is every node's view
 * of it. Each CONNECT claims the client id with a higher epoch, so a newer claim on any node takes
 * the session over and older writers are ignored.
 */
package io.tributary.ingest.session;
