// Keeps docs/compatibility.md in step with the service models and the code. Kinesis part: a
// `### <Operation>` section for each of the model's operations that mentions every input member,
// a status that agrees with the not-yet-implemented list, and an overview table that agrees too.
// Lambda, SQS and Firehose parts: the same for each operation the code implements, and every other
// operation of the model named in the part's "**Not yet:**" list.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notImplementedOperations } from '../../src/api/kinesis/operations.js';
import { lambdaOperations } from '../../src/api/lambda/lambda-operations.js';
import { firehoseOperations } from '../../src/api/firehose/operations.js';
import { sqsNotImplemented, sqsOperations } from '../../src/api/sqs/operations.js';
import { repoRoot } from './repo-root.js';
import { implementedServiceProblems, pageParts, type ServiceModelShape } from './implemented-service-check.js';

interface Model {
  readonly operations: Readonly<Record<string, { readonly input?: { readonly shape: string } }>>;
  readonly shapes: Readonly<Record<string, { readonly members?: Readonly<Record<string, unknown>> }>>;
}

const root = repoRoot();
const model = JSON.parse(readFileSync(join(root, 'models', 'kinesis.service-2.json'), 'utf8')) as Model;
const page = readFileSync(join(root, 'docs', 'compatibility.md'), 'utf8');
const parts = pageParts(page, ['Lambda compatibility', 'SQS compatibility', 'Firehose compatibility']);
const doc = parts[0]!;
const lambdaDoc = parts[1]!;
const lambdaModel = JSON.parse(readFileSync(join(root, 'models', 'lambda.service-2.json'), 'utf8')) as ServiceModelShape;
const lambdaImplemented = lambdaOperations.map((op) => op.name);
const sqsDoc = parts[2]!;
const sqsModel = JSON.parse(readFileSync(join(root, 'models', 'sqs.service-2.json'), 'utf8')) as ServiceModelShape;
const sqsImplemented = sqsOperations.map((op) => op.name);
const firehoseDoc = parts[3]!;
const firehoseModel = JSON.parse(readFileSync(join(root, 'models', 'firehose.service-2.json'), 'utf8')) as ServiceModelShape;
const firehoseImplemented = firehoseOperations.map((op) => op.name);
const operations = Object.keys(model.operations).sort();
const STATUSES = ['supported', 'partial', 'not yet'] as const;

function inputMembers(operation: string): string[] {
  const input = model.operations[operation]!.input;
  return input === undefined ? [] : Object.keys(model.shapes[input.shape]!.members ?? {});
}

/** The text of each `### Heading` (one entry per occurrence), up to the next heading of level 1 to 3. */
function sections(page: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: { texts: string[]; index: number } | undefined;
  for (const line of page.split('\n')) {
    const heading = /^(#{1,3})\s+(.*?)\s*$/.exec(line);
    if (heading) {
      current = undefined;
      if (heading[1] === '###') {
        const texts = out.get(heading[2]!) ?? [];
        out.set(heading[2]!, texts);
        current = { texts, index: texts.push('') - 1 };
      }
    } else if (current) {
      current.texts[current.index] += `${line}\n`;
    }
  }
  return out;
}

function statusOf(text: string): string | undefined {
  return /^\*\*Status:\*\*\s*(supported|partial|not yet)\s*$/m.exec(text)?.[1];
}

/** Everything that keeps the page from matching the model and the code, one line each. */
function problems(page: string): string[] {
  const found = sections(page);
  const overview = new Map([...page.matchAll(/\[(\w+)\]\(#[a-z]+\) \| (supported|partial|not yet) \|/g)].map((m) => [m[1]!, m[2]!]));
  const out: string[] = [];
  for (const operation of operations) {
    const texts = found.get(operation);
    if (texts === undefined) {
      out.push(`${operation}: no "### ${operation}" section`);
      continue;
    }
    if (texts.length > 1) out.push(`${operation}: ${texts.length} sections`);
    const text = texts[0]!;
    for (const member of inputMembers(operation)) {
      if (!text.includes(`\`${member}\``)) out.push(`${operation}: input member \`${member}\` not mentioned`);
    }
    const status = statusOf(text);
    if (status === undefined) out.push(`${operation}: no "**Status:** ${STATUSES.join(' | ')}" line`);
    else if ((status === 'not yet') !== notImplementedOperations.includes(operation)) {
      out.push(`${operation}: status "${status}" disagrees with notImplementedOperations`);
    }
    if (overview.get(operation) !== status) out.push(`${operation}: overview says "${overview.get(operation)}", section says "${status}"`);
  }
  return out;
}

describe('docs/compatibility.md', () => {
  test('the model has the 39 Kinesis operations', () => {
    assert.equal(operations.length, 39);
  });

  test('has a section per operation naming every input member, with a status that matches the code', () => {
    assert.deepEqual(problems(doc), []);
  });

  test('the check fails when a section, a member or a status goes wrong', () => {
    const dropLine = (needle: string): string =>
      doc
        .split('\n')
        .filter((line) => !line.startsWith(needle))
        .join('\n');
    assert.deepEqual(problems(dropLine('| `ExplicitHashKey` |')), ['PutRecord: input member `ExplicitHashKey` not mentioned']);
    assert.ok(problems(dropLine('### DescribeLimits')).includes('DescribeLimits: no "### DescribeLimits" section'));
    const splitShardSupported = doc.replace(/(### SplitShard\n\n\*\*Status:\*\*) not yet/, '$1 supported');
    assert.deepEqual(problems(splitShardSupported), [
      'SplitShard: status "supported" disagrees with notImplementedOperations',
      'SplitShard: overview says "not yet", section says "supported"',
    ]);
  });
});

describe('docs/compatibility.md, Lambda part', () => {
  test('implements the function, Invoke and event source mapping operations, each once', () => {
    const required = ['CreateFunction', 'GetFunction', 'GetFunctionConfiguration', 'ListFunctions', 'UpdateFunctionCode', 'UpdateFunctionConfiguration', 'DeleteFunction', 'Invoke'];
    const mappings = ['Create', 'Get', 'List', 'Update', 'Delete'].map((verb) => `${verb}EventSourceMapping${verb === 'List' ? 's' : ''}`);
    assert.deepEqual([...required, ...mappings].filter((op) => !lambdaImplemented.includes(op)), []);
    assert.equal(new Set(lambdaImplemented).size, lambdaImplemented.length);
  });

  test('has a section per implemented operation naming every input member, and lists every other operation as not yet', () => {
    assert.deepEqual(implementedServiceProblems(lambdaDoc, lambdaModel, lambdaImplemented), []);
  });

  test('the check fails when a section, a member or a listed operation goes wrong', () => {
    const without = (needle: string): string =>
      lambdaDoc
        .split('\n')
        .filter((line) => !line.startsWith(needle))
        .join('\n');
    assert.deepEqual(implementedServiceProblems(without('| `BisectBatchOnFunctionError` |'), lambdaModel, lambdaImplemented), [
      'CreateEventSourceMapping: input member `BisectBatchOnFunctionError` not mentioned',
      'UpdateEventSourceMapping: input member `BisectBatchOnFunctionError` not mentioned',
    ]);
    assert.deepEqual(implementedServiceProblems(lambdaDoc.replace('`PublishVersion`, ', ''), lambdaModel, lambdaImplemented), [
      'PublishVersion: not implemented, and not in the "**Not yet:**" list',
    ]);
    assert.deepEqual(implementedServiceProblems(lambdaDoc.replace(/(### Invoke\n\n\*\*Status:\*\*) supported/, '$1 not yet'), lambdaModel, lambdaImplemented), [
      'Invoke: implemented, but its section says "not yet"',
      'Invoke: overview says "supported", section says "not yet"',
    ]);
  });
});

describe('docs/compatibility.md, SQS part', () => {
  test('implements 18 of the 23 SQS operations; the other 5 are the not-implemented list', () => {
    assert.equal(sqsImplemented.length, 18);
    assert.deepEqual(
      [...sqsImplemented, ...sqsNotImplemented].sort(),
      Object.keys(sqsModel.operations).sort(),
    );
  });

  test('has a section per implemented operation naming every input member, and lists every other operation as not yet', () => {
    assert.deepEqual(implementedServiceProblems(sqsDoc, sqsModel, sqsImplemented), []);
  });

  test('the check fails when a member goes missing', () => {
    const doc = sqsDoc.replace('| `ReceiveRequestAttemptId` | ignored | FIFO only |\n', '');
    assert.deepEqual(implementedServiceProblems(doc, sqsModel, sqsImplemented), ['ReceiveMessage: input member `ReceiveRequestAttemptId` not mentioned']);
  });
});

describe('docs/compatibility.md, Firehose part', () => {
  test('implements all 12 Firehose operations, each once', () => {
    assert.deepEqual([...firehoseImplemented].sort(), Object.keys(firehoseModel.operations).sort());
    assert.equal(firehoseImplemented.length, 12);
  });

  test('has a section per operation naming every input member, with an overview that agrees', () => {
    assert.deepEqual(implementedServiceProblems(firehoseDoc, firehoseModel, firehoseImplemented), []);
  });

  test('the check fails when a member or a status goes wrong', () => {
    const withoutMember = firehoseDoc.replace(/^\| `AllowForceDelete` \|.*\n/m, '');
    assert.deepEqual(implementedServiceProblems(withoutMember, firehoseModel, firehoseImplemented), [
      'DeleteDeliveryStream: input member `AllowForceDelete` not mentioned',
    ]);
    const wrongStatus = firehoseDoc.replace(/(### PutRecord\n\n\*\*Status:\*\*) supported/, '$1 partial');
    assert.deepEqual(implementedServiceProblems(wrongStatus, firehoseModel, firehoseImplemented), [
      'PutRecord: overview says "supported", section says "partial"',
    ]);
  });
});
