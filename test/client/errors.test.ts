// Every answer other than 204 becomes a HuaweiCloudError: service and gateway bodies, and the malformed ones
// a proxy or a cut connection produces, served as real HTTP by a loopback server.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMpcClient, createVodClient, HuaweiCloudError } from '../../src/index.js';
import { rejection, reply, REQUEST_ID, startScriptedServer, type ScriptedServer, type Step } from './scripted-server.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const BODY_REQUEST_ID = 'ffeeddccbbaa99887766554433221100';
let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

const mpc = () => createMpcClient({ endpoint: server.url, projectId: PROJECT, retry: false });
const vod = () => createVodClient({ endpoint: server.url, projectId: PROJECT, retry: false });

async function mpcError(...steps: Step[]): Promise<HuaweiCloudError> {
  server.script(...steps);
  const error = await rejection(mpc().deleteTranscodingTaskRecord(100211));
  expect(error).toBeInstanceOf(HuaweiCloudError);
  return error as HuaweiCloudError;
}

describe('service errors', () => {
  test('a 400 MPC.10213 carries status, code, message, request id and operation', async () => {
    const error = await mpcError(reply(400, { error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' }));
    expect(error).toMatchObject({
      name: 'HuaweiCloudError',
      operation: 'DeleteTranscodingTaskByConsole',
      status: 400,
      errorCode: 'MPC.10213',
      errorMsg: 'Operation failed. The task is not in the final state.',
      requestId: REQUEST_ID,
      retryable: false,
      attempts: 1,
      afterLostResponse: false,
      retryAfterMs: undefined,
    });
    expect(error.message).toBe(
      `hwcloud-media: DeleteTranscodingTaskByConsole failed with 400 MPC.10213: Operation failed. The task is not in the final state. (request id ${REQUEST_ID})`,
    );
    expect(error.bodySnippet).toBe('{"error_code":"MPC.10213","error_msg":"Operation failed. The task is not in the final state."}');
  });

  test('a VOD 400 VOD.10083 names CancelAssetTranscodeTask', async () => {
    server.script(reply(400, { error_code: 'VOD.10083', error_msg: 'The current media asset status does not support this operation.' }));
    const error = (await rejection(vod().cancelAssetTranscodeTask('f488337c31c8e4622f1590735b134c65'))) as HuaweiCloudError;
    expect(error).toBeInstanceOf(HuaweiCloudError);
    expect(error.message).toBe(
      `hwcloud-media: CancelAssetTranscodeTask failed with 400 VOD.10083: The current media asset status does not support this operation. (request id ${REQUEST_ID})`,
    );
  });

  test('a 403 with a service body', async () => {
    const error = await mpcError(reply(403, { error_code: 'MPC.10208', error_msg: 'Failed to verify the tenant ID.' }));
    expect(error).toMatchObject({ status: 403, errorCode: 'MPC.10208', retryable: false });
  });
});

describe('gateway errors', () => {
  test.each(['APIGW.0301', 'APIG.0301'])('a 401 %s body, request id from the header', async (code) => {
    const error = await mpcError(
      reply(401, { error_msg: 'Incorrect IAM authentication information: verify aksk signature fail', error_code: code, request_id: BODY_REQUEST_ID }),
    );
    expect(error).toMatchObject({ status: 401, errorCode: code, requestId: REQUEST_ID, retryable: false });
    expect(error.message).toBe(
      `hwcloud-media: DeleteTranscodingTaskByConsole failed with 401 ${code}: Incorrect IAM authentication information: verify aksk signature fail (request id ${REQUEST_ID})`,
    );
  });

  test('without an X-Request-Id header the request id comes from the body', async () => {
    const noHeader: Step = (_req, res) =>
      res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error_msg: 'Incorrect IAM authentication information', error_code: 'APIGW.0301', request_id: BODY_REQUEST_ID }));
    const error = await mpcError(noHeader);
    expect(error.requestId).toBe(BODY_REQUEST_ID);
  });

  test('a 403 APIGW.0302 is a gateway body on a service status', async () => {
    const error = await mpcError(reply(403, { error_msg: 'The IAM user is not authorized to access the API.', error_code: 'APIGW.0302', request_id: BODY_REQUEST_ID }));
    expect(error).toMatchObject({ status: 403, errorCode: 'APIGW.0302' });
  });
});

describe('bodies that are not Huawei Cloud errors', () => {
  const html = '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

  test('an HTML 502 page from a proxy', async () => {
    const error = await mpcError(reply(502, html, { 'Content-Type': 'text/html' }));
    expect(error).toMatchObject({ status: 502, errorCode: undefined, errorMsg: undefined, retryable: true, bodySnippet: html });
    expect(error.message).toBe(
      'hwcloud-media: DeleteTranscodingTaskByConsole failed with 502 and a body that is not a Huawei Cloud error: ' +
        `"<html> <head><title>502 Bad Gateway</title></head> <body> <center><h1>502 Bad Gateway</h1></center> <hr><center>nginx</center> </body> </html>" (request id ${REQUEST_ID})`,
    );
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  test('an empty 400 (Content-Length: 0), where openapi-fetch gives no error object', async () => {
    const error = await mpcError(reply(400));
    expect(error).toMatchObject({ status: 400, errorCode: undefined, bodySnippet: '' });
    expect(error.message).toBe(`hwcloud-media: DeleteTranscodingTaskByConsole failed with 400 and an empty body (request id ${REQUEST_ID})`);
  });

  test('an empty chunked 400 without Content-Length', async () => {
    const chunkedEmpty: Step = (_req, res) => {
      res.writeHead(400, { 'Transfer-Encoding': 'chunked' });
      res.end();
    };
    const error = await mpcError(chunkedEmpty);
    expect(error.message).toBe('hwcloud-media: DeleteTranscodingTaskByConsole failed with 400 and an empty body');
    expect(error.requestId).toBeUndefined();
  });

  test('a truncated JSON body keeps its raw text', async () => {
    const truncated = '{"error_code":"MPC.10213","error_msg":"Operation fai';
    const error = await mpcError(reply(400, truncated, { 'Content-Type': 'application/json' }));
    expect(error).toMatchObject({ status: 400, errorCode: undefined, errorMsg: undefined, bodySnippet: truncated });
    expect(error.message).toContain(`a body that is not a Huawei Cloud error: "${truncated}"`);
  });

  test.each([
    ['a JSON array', '[{"error_code":"MPC.10213"}]'],
    ['JSON null', 'null'],
    ['a JSON string', '"MPC.10213"'],
    ['a number for error_code', '{"error_code":10213,"error_msg":42}'],
    ['plain text', 'Service Unavailable'],
  ])('%s is not recognised as an error body', async (_, body) => {
    const error = await mpcError(reply(400, body, { 'Content-Type': 'application/json' }));
    expect(error.errorCode).toBeUndefined();
    expect(error.errorMsg).toBeUndefined();
    expect(error.bodySnippet).toBe(body);
  });

  test('a long body is kept as a bounded snippet', async () => {
    const body = `<html>${'x'.repeat(200_000)}</html>`;
    const error = await mpcError(reply(500, body, { 'Content-Type': 'text/html' }));
    expect(error.bodySnippet).toBe(body.slice(0, 512));
    expect(error.message.length).toBeLessThan(400);
  });

  test('a 200 with a body is not the documented 204, so it is an error too', async () => {
    const error = await mpcError(reply(200, '{"ok":true}', { 'Content-Type': 'application/json' }));
    expect(error).toMatchObject({ status: 200, errorCode: undefined, bodySnippet: '{"ok":true}', retryable: false });
  });

  test('a response a middleware made up (so never fetched) is still read, from what openapi-fetch parsed', async () => {
    const client = mpc();
    client.raw.use({
      onRequest: () =>
        new Response(JSON.stringify({ error_code: 'MPC.10202', error_msg: 'Invalid request parameter.' }), {
          status: 400,
          headers: { 'Content-Type': 'application/json' },
        }),
    });
    const error = (await rejection(client.deleteTranscodingTaskRecord(1))) as HuaweiCloudError;
    expect(error).toMatchObject({ status: 400, errorCode: 'MPC.10202', errorMsg: 'Invalid request parameter.' });
  });
});

describe('error objects', () => {
  test('toJSON holds the fields, and the class is exported for instanceof checks', async () => {
    const error = await mpcError(reply(400, { error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' }));
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'HuaweiCloudError',
      message: error.message,
      operation: 'DeleteTranscodingTaskByConsole',
      status: 400,
      errorCode: 'MPC.10213',
      errorMsg: 'Operation failed. The task is not in the final state.',
      requestId: REQUEST_ID,
      retryable: false,
      attempts: 1,
      afterLostResponse: false,
      bodySnippet: '{"error_code":"MPC.10213","error_msg":"Operation failed. The task is not in the final state."}',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.stack).toContain('HuaweiCloudError: hwcloud-media: DeleteTranscodingTaskByConsole failed with 400 MPC.10213');
  });

  test('a body that stops midway after the headers is a timeout, not a hang', async () => {
    const stallBody = createServer((_req, res) => {
      res.writeHead(400, { 'Content-Type': 'application/json', 'Content-Length': '100' });
      res.write('{"error_code":');
    });
    await new Promise<void>((resolve) => stallBody.listen(0, '127.0.0.1', resolve));
    const { port } = stallBody.address() as AddressInfo;
    try {
      const client = createMpcClient({ endpoint: `http://127.0.0.1:${port}`, projectId: PROJECT, retry: false, timeoutMs: 200 });
      const error = await rejection(client.deleteTranscodingTaskRecord(1));
      expect((error as Error).name).toBe('TimeoutError');
    } finally {
      stallBody.closeAllConnections();
      await new Promise<void>((resolve) => stallBody.close(() => resolve()));
    }
  });
});
