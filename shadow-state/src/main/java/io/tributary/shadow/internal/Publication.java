package io.tributary.shadow.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tributary.shadow.ShadowTopic;

/**
 * A response document and the kind of topic it goes to; the service adds the shadow's topic prefix.
 *
 * @param kind     accepted, delta or documents
 * @param document the JSON document
 */
public record Publication(ShadowTopic.Kind kind, ObjectNode document) {
}
