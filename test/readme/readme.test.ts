// The README's client example is test/readme/clients-example.ts, word for word, and it works.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../helpers/project.js';
import { reply, startScriptedServer, type ScriptedServer } from '../client/scripted-server.js';
import { tidyUp } from './clients-example.js';

const AK = 'HWMEDIATESTAK0000001';
const SK = 'hwmedia-test-secret-key-0000000000000001';
const PROJECT = '0123456789abcdef0123456789abcdef';

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from + start.length);
  expect(from, `marker ${start}`).toBeGreaterThanOrEqual(0);
  expect(to, `marker ${end}`).toBeGreaterThan(from);
  return text.slice(from + start.length, to);
}

describe('README clients example', () => {
  test('the README shows the example file verbatim, importing from the package', () => {
    const readme = readFileSync(path.join(projectRoot, 'README.md'), 'utf8');
    const example = readFileSync(path.join(projectRoot, 'test', 'readme', 'clients-example.ts'), 'utf8');
    const block = between(readme, '<!-- clients-example:start -->\n```ts\n', '```\n<!-- clients-example:end -->');
    const code = between(example, '// #region readme\n', '// #endregion readme');
    // The only difference allowed: the file imports the source, the README the package.
    expect(code).toContain("from '../../src/index.js';");
    expect(block).toBe(code.replace("from '../../src/index.js';", "from 'hwcloud-media';"));
  });

  describe('runs against a loopback server', () => {
    let server: ScriptedServer;
    beforeAll(async () => {
      server = await startScriptedServer({ ak: AK, sk: SK });
    });
    afterAll(() => server.close());
    const env = () => ({
      HUAWEICLOUD_SDK_AK: AK,
      HUAWEICLOUD_SDK_SK: SK,
      HUAWEICLOUD_SDK_PROJECT_ID: PROJECT,
      MPC_ENDPOINT: server.url,
      VOD_ENDPOINT: server.url,
    });

    test('both operations applied', async () => {
      server.script(reply(204), reply(204));
      await expect(tidyUp(env(), 100211, 'f488337c31c8e4622f1590735b134c65')).resolves.toEqual({ deleted: 'applied', canceled: 'applied' });
      expect(server.received.map((r) => `${r.method} ${r.url}`)).toEqual([
        `DELETE /v1/${PROJECT}/transcodings/task?task_id=100211`,
        `DELETE /v1.0/${PROJECT}/asset/process?asset_id=f488337c31c8e4622f1590735b134c65`,
      ]);
      expect(server.received.map((r) => r.signatureValid)).toEqual([true, true]);
    });

    test('a VOD.10083 is handled as the example shows; other errors propagate', async () => {
      server.script(reply(204), reply(400, { error_code: 'VOD.10083', error_msg: 'The current media asset status does not support this operation.' }));
      await expect(tidyUp(env(), 100211, 'f488337c31c8e4622f1590735b134c65')).resolves.toEqual({ deleted: 'applied', canceled: 'no longer queued' });
      server.script(reply(400, { error_code: 'MPC.10213', error_msg: 'Operation failed. The task is not in the final state.' }));
      await expect(tidyUp(env(), 100211, 'a')).rejects.toThrow('DeleteTranscodingTaskByConsole failed with 400 MPC.10213');
    });
  });
});
