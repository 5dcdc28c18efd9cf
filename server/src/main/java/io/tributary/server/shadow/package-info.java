/**
 * The Device Shadow REST data plane of a node (AWS's {@code GetThingShadow}, {@code UpdateThingShadow},
 * {@code DeleteThingShadow}, {@code ListNamedShadowsForThing}). Start with {@link io.tributary.server.shadow.ShadowHttp}.
 * Reads come from the shadow job's store by interactive query, forwarded to the node that owns the
 * thing; writes are published through the gateway and answered by the job, like MQTT requests, and the answer
 * comes back on this node's reply topic.
 */
package io.tributary.server.shadow;
