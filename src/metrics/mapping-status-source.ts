// Joins the mapping registry (every mapping, its state) with the engine's live lanes into the
// MappingStatus list MetricsHub.status() hands the console. Mappings that are not running
// (disabled, creating, deleting) have no lanes; their `state` says why.

import type { MappingDefinition } from '../mappings/mapping-definition.js';
import type { LaneStatus, MappingStatus } from './mapping-status.js';

export interface MappingList {
  list(query?: { marker?: string }): { mappings: readonly MappingDefinition[]; nextMarker?: string };
}

export interface LaneSource {
  status(): Map<string, LaneStatus[]>;
}

export function mappingStatusSource(registry: MappingList, engine: LaneSource): () => MappingStatus[] {
  return () => {
    const lanes = engine.status();
    const out: MappingStatus[] = [];
    let marker: string | undefined;
    do {
      const page = registry.list(marker === undefined ? {} : { marker });
      for (const m of page.mappings) {
        const streamName = m.eventSourceArn.slice(m.eventSourceArn.indexOf('/') + 1);
        out.push({ uuid: m.uuid, functionName: m.functionName, streamName, state: m.state, lanes: lanes.get(m.uuid) ?? [] });
      }
      marker = page.nextMarker;
    } while (marker !== undefined);
    return out;
  };
}
