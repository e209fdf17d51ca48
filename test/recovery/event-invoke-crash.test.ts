// kill -9 while an asynchronous (Event) invocation waits for its retry: the 202 was an
// acknowledgement, so after the restart the event is retried from the stored state (its remaining
// attempt, under its request id) and, once it succeeded, is never run again.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { deployFunction, lambdaClient } from '../integration/support/mapping-fixture.js';
import { pollUntil } from '../integration/support/poll-until.js';

/** Appends its request id and mark to OUT_FILE; fails on the first attempt it ever sees. */
const HANDLER = `import { appendFileSync, readFileSync } from 'node:fs';
export const handler = async (event, context) => {
  let before = '';
  try { before = readFileSync(process.env.OUT_FILE, 'utf8'); } catch {}
  appendFileSync(process.env.OUT_FILE, context.awsRequestId + ' ' + event.mark + '\\n');
  if (before === '') throw new Error('first attempt fails');
  return 'ok';
};
`;

/** The retry is due 4 s after the failed first attempt: the kill comes well before it. */
const ARGS = ['--lambda-event-retry-delays-ms', '4000,4000'];
const ENV = { TRIBUTARY_LOG_LEVEL: 'info' };

let dir: string | undefined;
let server: ServerProcess | undefined;

after(async () => {
  await server?.kill9();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const lines = async (file: string): Promise<string[]> => (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean);

/** The 'pending event invocations resumed' log lines of a server's start-up. */
function resumed(stderr: string): unknown[] {
  return stderr
    .split('\n')
    .filter((line) => line.includes('pending event invocations resumed'))
    .map((line) => (JSON.parse(line) as { count: number }).count);
}

test('kill -9 before an Event retry is due: after the restart the event runs its remaining attempt once, under its request id', { timeout: 120_000 }, async () => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-event-crash-'));
  const dataDir = join(dir, 'data');
  const out = join(dir, 'attempts.log');
  server = await startServer({ dataDir, args: ARGS, env: ENV });
  let lambda = lambdaClient(server.url);
  await deployFunction(lambda, { name: 'flaky', source: HANDLER, environment: { OUT_FILE: out } });
  const accepted = await lambda.send(new InvokeCommand({ FunctionName: 'flaky', InvocationType: 'Event', Payload: Buffer.from('{"mark":"m1"}') }));
  lambda.destroy();
  assert.equal(accepted.StatusCode, 202);
  const requestId = accepted.$metadata.requestId!;

  await pollUntil(async () => (await lines(out)).length >= 1, 'the first attempt', 30_000, 5);
  await server.kill9();
  assert.deepEqual(await lines(out), [`${requestId} m1`], 'killed after the first attempt, before the retry');
  assert.deepEqual(resumed(server.stderr()), []);

  server = await startServer({ dataDir, args: ARGS, env: ENV });
  assert.deepEqual(resumed(server.stderr()), [1], 'the stored event is resumed at start-up');
  await pollUntil(async () => (await lines(out)).length >= 2, 'the retry after the restart', 30_000, 20);
  assert.deepEqual(await lines(out), [`${requestId} m1`, `${requestId} m1`]);

  // The success deleted the event: a further crash and restart resumes nothing and runs nothing.
  lambda = lambdaClient(server.url);
  const sync = await lambda.send(new InvokeCommand({ FunctionName: 'flaky', Payload: Buffer.from('{"mark":"sync"}') }));
  lambda.destroy();
  assert.equal(Buffer.from(sync.Payload!).toString('utf8'), '"ok"');
  await server.kill9();
  server = await startServer({ dataDir, args: ARGS, env: ENV });
  assert.deepEqual(resumed(server.stderr()), []);
  lambda = lambdaClient(server.url);
  const last = await lambda.send(new InvokeCommand({ FunctionName: 'flaky', Payload: Buffer.from('{"mark":"last"}') }));
  lambda.destroy();
  assert.equal(Buffer.from(last.Payload!).toString('utf8'), '"ok"');
  const attempts = await lines(out);
  assert.deepEqual(attempts.slice(0, 3), [`${requestId} m1`, `${requestId} m1`, `${sync.$metadata.requestId} sync`]);
  assert.deepEqual(attempts.slice(3).map((line) => line.split(' ')[1]), ['last']);
});
