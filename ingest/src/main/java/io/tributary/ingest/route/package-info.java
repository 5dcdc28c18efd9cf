/**
 * Routing: {@link io.tributary.ingest.route.MessageFeed} consumes the message topic on one thread
 * that owns this node's subscription index and hands each message to the local subscribers whose
 * filters match it. Connections change the index only through commands queued to that thread.
 */
package io.tributary.ingest.route;
