// Entry point that runs kinesalite (the npm package) in its own process for the comparison:
// `node dist/bench/support/kinesalite-main.js <port> [leveldb-dir]`; prints its port when ready.
import { createRequire } from 'node:module';
import type { Server } from 'node:http';

type KinesaliteFactory = (options: { path?: string; createStreamMs: number; deleteStreamMs: number; updateStreamMs: number; shardLimit: number }) => Server;

const kinesalite = createRequire(import.meta.url)('kinesalite') as KinesaliteFactory;
const [portArg, path] = process.argv.slice(2);
const server = kinesalite({ ...(path ? { path } : {}), createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
server.listen(Number(portArg ?? 0), '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`kinesalite listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
