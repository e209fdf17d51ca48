// `ClusterJDBCURL` of a Redshift destination as Tributary reads it (docs/decisions/0009): a
// PostgreSQL-protocol warehouse (`jdbc:postgresql://` or `jdbc:redshift://`, the credentials from
// Username/Password) or an embedded DuckDB file (`jdbc:duckdb:<path>`, relative to the data
// directory's `warehouses/` folder, never escaping it: API callers must not choose server paths).

import { invalidFirehoseArgument } from '../../errors/firehose-errors.js';

export type WarehouseTarget =
  | { readonly kind: 'postgres'; readonly connectionString: string }
  | { readonly kind: 'duckdb'; readonly path: string };

const SERVER_URL = /^jdbc:(postgresql|redshift):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/([^/?#\s]+)(\?[^#\s]*)?$/;
const DEFAULT_PORTS: Readonly<Record<string, number>> = { postgresql: 5432, redshift: 5439 };

/** Parses the URL; InvalidArgumentException (never echoing the URL, which may hold secrets) otherwise. */
export function parseWarehouseUrl(url: string, username: string | undefined, password: string | undefined): WarehouseTarget {
  if (url.startsWith('jdbc:duckdb:')) {
    const path = url.slice('jdbc:duckdb:'.length);
    const segments = path.split(/[\\/]/);
    if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\0') || segments.includes('..') || path === ':memory:') {
      throw invalidFirehoseArgument('ClusterJDBCURL jdbc:duckdb:<path> needs a relative file path that stays inside the warehouses directory.');
    }
    return { kind: 'duckdb', path };
  }
  const match = SERVER_URL.exec(url);
  if (!match) {
    throw invalidFirehoseArgument(
      'ClusterJDBCURL must be jdbc:postgresql://<host>[:<port>]/<database>, jdbc:redshift://<host>[:<port>]/<database> or jdbc:duckdb:<path>.',
    );
  }
  const [, scheme, host, portText, database, query] = match;
  const port = portText === undefined ? DEFAULT_PORTS[scheme!]! : Number(portText);
  if (port < 1 || port > 65535) throw invalidFirehoseArgument(`ClusterJDBCURL port ${port} is out of range.`);
  if (username === undefined) throw invalidFirehoseArgument('Username is required for a jdbc:postgresql or jdbc:redshift ClusterJDBCURL.');
  const credentials = `${encodeURIComponent(username)}${password === undefined ? '' : `:${encodeURIComponent(password)}`}`;
  return { kind: 'postgres', connectionString: `postgres://${credentials}@${host}:${port}/${database}${query ?? ''}` };
}
