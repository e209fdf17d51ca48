// Drives a Kinesis endpoint with wrk (a native HTTP/1.1 load generator) replaying prebuilt
// PutRecords bodies; a Lua script counts responses whose FailedRecordCount is 0.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DUMMY_AUTHORIZATION } from '../../test/integration/support/raw-kinesis-client.js';

export interface WrkOptions {
  readonly url: string;
  readonly bodies: readonly Buffer[];
  readonly seconds: number;
  readonly connections: number;
  readonly threads: number;
}

export interface WrkResult {
  /** Responses with status 200 and FailedRecordCount 0. */
  readonly ok: number;
  /** Every other response. */
  readonly bad: number;
  readonly seconds: number;
  readonly command: string;
}

const lua = (files: readonly string[]): string => `
local files = { ${files.map((f) => JSON.stringify(f)).join(', ')} }
local requests = {}
local threads = {}
local n = 0
ok = 0
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local headers = {
    ["Content-Type"] = "application/x-amz-json-1.1",
    ["X-Amz-Target"] = "Kinesis_20131202.PutRecords",
    ["X-Amz-Date"] = "20240101T000000Z",
    ["Authorization"] = ${JSON.stringify(DUMMY_AUTHORIZATION)},
  }
  for i, path in ipairs(files) do
    local f = assert(io.open(path, "rb"))
    local body = f:read("*a")
    f:close()
    requests[i] = wrk.format("POST", "/", headers, body)
  end
end

function request()
  n = n + 1
  return requests[(n % #requests) + 1]
end

function response(status, headers, body)
  if status == 200 and string.find(body, '"FailedRecordCount":0', 1, true) then
    ok = ok + 1
  else
    bad = bad + 1
  end
end

function done(summary, latency, reqs)
  local o, b = 0, 0
  for _, t in ipairs(threads) do
    o = o + t:get("ok")
    b = b + t:get("bad")
  end
  io.write(string.format("WRK_RESULT ok=%d bad=%d seconds=%f\\n", o, b, summary.duration / 1e6))
end
`;

/** Runs wrk for `seconds` and returns the counted responses. */
export async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-wrk-'));
  try {
    const files = await Promise.all(
      options.bodies.map(async (body, i) => {
        const file = join(dir, `body-${i}.json`);
        await writeFile(file, body);
        return file;
      }),
    );
    const script = join(dir, 'put-records.lua');
    await writeFile(script, lua(files));
    const args = [`-t${options.threads}`, `-c${options.connections}`, `-d${options.seconds}s`, '--timeout', '10s', '-s', script, options.url + '/'];
    const { stdout } = await promisify(execFile)('wrk', args, { timeout: (options.seconds + 30) * 1000, maxBuffer: 1 << 20 });
    const match = /WRK_RESULT ok=(\d+) bad=(\d+) seconds=([\d.]+)/.exec(stdout);
    if (match === null) throw new Error('unexpected wrk output:\n' + stdout);
    return { ok: Number(match[1]), bad: Number(match[2]), seconds: Number(match[3]), command: `wrk ${args.join(' ')}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
