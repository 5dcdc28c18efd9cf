/** Retained messages: a view of the compacted retained topic that every node keeps in memory. */
package io.tributary.ingest.retained;
