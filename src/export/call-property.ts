/**
 * A call as the `depmap:calls` property carries it in the CycloneDX and SPDX exports: what the
 * format's own dependency relation cannot say (protocol, API, version, image, address), read
 * back by the importers of both (importers/cyclonedx/depmap-properties.ts).
 */
import type { GraphEdge } from '../graph/types.js';
import type { CallProperty } from '../importers/cyclonedx/depmap-properties.js';

export function callProperty(edge: GraphEdge): CallProperty {
  const call: CallProperty = { target: edge.target };
  if (edge.protocol) call.protocol = edge.protocol;
  if (edge.api) call.api = edge.api;
  if (edge.version) call.version = edge.version;
  if (edge.image) call.image = edge.image;
  if (edge.url) call.url = edge.url;
  return call;
}
