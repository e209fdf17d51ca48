// Matches a rest-json request (method + path [+ fixed query]) to a model operation, from the
// model's `http.method` / `http.requestUri` traits. Labels (`{FunctionName}`) match one
// percent-encoded segment and are decoded; `{Name+}` matches the rest of the path. A trailing
// slash is ignored on both sides (older CLI models write `/2015-03-31/functions/`).

import type { ServiceModel } from '../api/model/service-model.js';

export interface HttpTrait {
  readonly method: string;
  readonly requestUri: string;
  readonly responseCode?: number;
}

export interface RouteMatch {
  readonly operation: string;
  /** Decoded label values by label name. */
  readonly labels: Readonly<Record<string, string>>;
}

type Segment = { readonly literal: string } | { readonly label: string; readonly greedy: boolean };

interface Route {
  readonly operation: string;
  readonly method: string;
  readonly segments: readonly Segment[];
  /** Query parameters the requestUri fixes (`?List=ALL`); the request must carry them. */
  readonly fixedQuery: readonly (readonly [string, string])[];
  readonly literals: number;
}

/** The `http` trait of an operation (botocore models carry it on every rest-json operation). */
export function httpTrait(model: ServiceModel, operation: string): HttpTrait {
  const http = (model.operation(operation) as { http?: HttpTrait }).http;
  if (http === undefined) throw new Error(`${model.name} operation ${operation} has no http trait`);
  return http;
}

function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function compile(operation: string, http: HttpTrait): Route {
  const [path = '', query = ''] = http.requestUri.split('?');
  const segments: Segment[] = splitPath(path).map((part) => {
    const label = /^\{([^}+]+)(\+?)\}$/.exec(part);
    return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: part };
  });
  const fixedQuery = [...new URLSearchParams(query).entries()];
  return { operation, method: http.method, segments, fixedQuery, literals: segments.filter((s) => 'literal' in s).length };
}

function decode(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

export class RestRouteTable {
  private readonly routes: readonly Route[];

  /** Routes for `operations` (default: every operation of the model). */
  constructor(model: ServiceModel, operations: readonly string[] = model.operationNames()) {
    this.routes = operations
      .map((name) => compile(name, httpTrait(model, name)))
      .sort((a, b) => b.literals - a.literals || b.fixedQuery.length - a.fixedQuery.length);
  }

  /** The most specific operation for the request, or undefined. `path` excludes the query string. */
  match(method: string, path: string, query: URLSearchParams): RouteMatch | undefined {
    const parts = splitPath(path);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      if (!route.fixedQuery.every(([name, value]) => query.get(name) === value)) continue;
      const labels = this.bind(route, parts);
      if (labels) return { operation: route.operation, labels };
    }
    return undefined;
  }

  /** True when some route of the table has this path (whatever the method). */
  knowsPath(path: string): boolean {
    const parts = splitPath(path);
    return this.routes.some((route) => this.bind(route, parts) !== undefined);
  }

  private bind(route: Route, parts: readonly string[]): Record<string, string> | undefined {
    const labels: Record<string, string> = {};
    for (let i = 0; i < route.segments.length; i++) {
      const segment = route.segments[i]!;
      if ('literal' in segment) {
        if (parts[i] !== segment.literal) return undefined;
        continue;
      }
      const raw = segment.greedy ? parts.slice(i).join('/') : parts[i];
      if (raw === undefined || raw === '') return undefined;
      const value = decode(raw);
      if (value === undefined) return undefined;
      labels[segment.label] = value;
      if (segment.greedy) return labels;
    }
    return parts.length === route.segments.length ? labels : undefined;
  }
}
