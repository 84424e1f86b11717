// The specs say what the seed pages (test/fixtures/seeds, verbatim copies of the official API pages) say:
// the route, parameters and their types, documented headers, status codes and the published 400 example.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../helpers/project.js';

type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: { type: string; format?: string } };
type MediaType = { examples?: Record<string, { value: unknown }> };
type Operation = {
  operationId: string;
  parameters: Parameter[];
  responses: Record<string, { content?: Record<string, MediaType>; headers?: Record<string, unknown> }>;
};
type Bundle = { paths: Record<string, Record<string, Operation>>; servers: Array<{ url: string; variables?: { region?: { enum: string[] } } }> };

const services = [
  {
    name: 'MPC',
    bundle: 'generated/mpc.openapi.json',
    seed: 'test/fixtures/seeds/mpc-delete-transcoding-task-records.txt',
    operationId: 'DeleteTranscodingTaskByConsole',
    query: { name: 'task_id', seedType: 'Integer', type: 'integer', format: 'int32' },
  },
  {
    name: 'VOD',
    bundle: 'generated/vod.openapi.json',
    seed: 'test/fixtures/seeds/vod-cancel-asset-transcode-task.txt',
    operationId: 'CancelAssetTranscodeTask',
    query: { name: 'asset_id', seedType: 'String', type: 'string', format: undefined },
  },
] as const;

const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

/** The lines of a seed page's table between a heading and the next heading. */
function tableRows(seed: string, heading: string): string[] {
  const start = seed.indexOf(heading);
  expect(start, `seed has "${heading}"`).toBeGreaterThan(-1);
  const rest = seed.slice(start + heading.length);
  const end = rest.search(/\n(?:Table \d|Response Parameters|Request Parameters|Example Requests)/);
  return rest.slice(0, end).split('\n').map((line) => line.trim()).filter(Boolean);
}

describe.each(services)('$name spec against its seed page', (service) => {
  const seed = read(service.seed);
  const bundle = JSON.parse(read(service.bundle)) as Bundle;
  const [route, methods] = Object.entries(bundle.paths)[0]!;
  const operation = methods['delete']!;

  test('describes exactly the one documented operation', () => {
    expect(Object.keys(bundle.paths)).toHaveLength(1);
    expect(Object.keys(methods)).toEqual(['delete']);
    expect(seed).toContain(`DELETE ${route}\n`);
    expect(operation.operationId).toBe(service.operationId);
  });

  test('has the documented path and query parameters with their types', () => {
    const pathParameter = operation.parameters.find((p) => p.in === 'path');
    expect(pathParameter).toMatchObject({ name: 'project_id', required: true, schema: { type: 'string' } });
    const queryRows = tableRows(seed, 'Table 2 Query Parameters');
    expect(queryRows).toContain(service.query.name);
    expect(queryRows[queryRows.indexOf(service.query.name) + 2]).toBe(service.query.seedType);
    const query = operation.parameters.filter((p) => p.in === 'query');
    expect(query).toHaveLength(1);
    expect(query[0]).toMatchObject({ name: service.query.name, required: true, schema: { type: service.query.type } });
    expect(query[0]!.schema.format).toBe(service.query.format);
  });

  test('lists every request header of the seed page (X-Project_Id as X-Project-Id) and X-Security-Token', () => {
    const documented = tableRows(seed, 'Table 3 Request header parameters').filter((row) => /^(?:X-|Authorization$)/.test(row));
    expect(documented.length).toBeGreaterThanOrEqual(3);
    const headers = operation.parameters.filter((p) => p.in === 'header').map((p) => p.name);
    for (const header of documented) expect(headers).toContain(header.replace('X-Project_Id', 'X-Project-Id'));
    expect(headers).toContain('X-Security-Token');
    const projectHeader = operation.parameters.find((p) => p.name === 'X-Project-Id');
    if (documented.includes('X-Project_Id')) expect(projectHeader?.description).toContain('X-Project_Id');
    else expect(projectHeader).toBeUndefined();
  });

  test('answers 204 with no body, and the 400 carries the published example', () => {
    const statuses = tableRows(seed, 'Status Code\n\nDescription');
    expect(statuses).toContain('204');
    expect(statuses).toContain('400');
    expect(operation.responses['204']!.content).toBeUndefined();
    const published = JSON.parse(seed.slice(seed.indexOf('{', seed.indexOf('Example Responses')), seed.indexOf('}', seed.indexOf('Example Responses')) + 1));
    const examples = Object.values(operation.responses['400']!.content!['application/json']!.examples!).map((e) => e.value);
    expect(examples).toContainEqual(published);
  });

  test('documents the gateway errors and X-Request-Id on every response', () => {
    for (const status of ['204', '400', '401', '403', '429', '500', '502', '503', '504']) {
      expect(operation.responses[status], status).toBeDefined();
      expect(Object.keys(operation.responses[status]!.headers ?? {}), status).toContain('X-Request-Id');
    }
    for (const status of ['401', '429', '500', '502', '503', '504']) {
      for (const example of Object.values(operation.responses[status]!.content!['application/json']!.examples!)) {
        expect(example.value, status).toMatchObject({ error_code: expect.stringMatching(/^APIGW?\.\d{4}$/), request_id: expect.stringMatching(/^[0-9a-f]{32}$/) });
      }
    }
  });
});

describe('servers', () => {
  // Region tables from the official SDKs (huawei-api-notes.md section e).
  test('MPC: regional mpc. hosts, and the mts. host for cn-north-1 only', () => {
    const { servers } = JSON.parse(read('generated/mpc.openapi.json')) as Bundle;
    expect(servers.map((s) => [s.url, s.variables?.region?.enum])).toEqual([
      ['https://mpc.{region}.myhuaweicloud.com', ['cn-north-4', 'cn-east-2', 'cn-east-3', 'cn-south-1', 'ap-southeast-3']],
      ['https://mts.{region}.myhuaweicloud.com', ['cn-north-1']],
    ]);
  });

  test('VOD: regional vod. hosts', () => {
    const { servers } = JSON.parse(read('generated/vod.openapi.json')) as Bundle;
    expect(servers.map((s) => [s.url, s.variables?.region?.enum])).toEqual([
      ['https://vod.{region}.myhuaweicloud.com', ['cn-north-4', 'cn-north-1', 'cn-east-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3']],
    ]);
  });
});
