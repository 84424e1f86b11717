#!/usr/bin/env node
// hwcloud-media: the command line for operators. See help.ts for the commands.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createMpcClient } from '../client/create-mpc-client.js';
import { createVodClient } from '../client/create-vod-client.js';
import { validateAssetId, validateTaskId } from '../client/validate.js';
import { ValidationError } from '../errors/validation-error.js';
import type { EmulatorOptions } from '../emulator/types.js';
import { runBulk, type IdResult, type Outcome } from './bulk.js';
import { ENV, authFromEnvironment } from './credentials.js';
import { EMULATOR_HELP, MAIN_HELP, MPC_DELETE_HELP, VOD_CANCEL_HELP } from './help.js';
import { collectIds, taskIdFromText } from './ids.js';
import { jsonLine, progressBar, summary, textLine } from './report.js';
import { UsageError } from './usage-error.js';

const BULK_FLAGS = {
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'project-id': { type: 'string' },
  'from-file': { type: 'string' },
  concurrency: { type: 'string', default: '4' },
  rate: { type: 'string', default: '100' },
  'timeout-ms': { type: 'string', default: '30000' },
  'max-attempts': { type: 'string', default: '3' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function positiveInteger(flag: string, text: string, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) throw new UsageError(`--${flag} must be an integer from 1 to ${max}`);
  return value;
}

function parse<R>(run: () => R): R {
  try {
    return run();
  } catch (error) {
    // parseArgs's messages are one line already; drop its advice about "--" which does not apply here.
    throw new UsageError((error as Error).message.split('. To specify')[0]!);
  }
}

async function bulkCommand(service: 'mpc' | 'vod', args: string[]): Promise<number> {
  const { values, positionals } = parse(() => parseArgs({ args, options: BULK_FLAGS, allowPositionals: true, strict: true }));
  if (values.help) {
    process.stdout.write(service === 'mpc' ? MPC_DELETE_HELP : VOD_CANCEL_HELP);
    return 0;
  }
  const concurrency = positiveInteger('concurrency', values.concurrency, 64);
  const ratePerMinute = positiveInteger('rate', values.rate, 60_000);
  const timeoutMs = positiveInteger('timeout-ms', values['timeout-ms'], 600_000);
  const maxAttempts = positiveInteger('max-attempts', values['max-attempts'], 10);
  const projectId = values['project-id'] ?? process.env[ENV.projectId];
  if (!projectId) throw new UsageError(`no project id: pass --project-id or set ${ENV.projectId}`);
  if (values.region !== undefined && values.endpoint !== undefined) throw new UsageError('pass --region or --endpoint, not both');
  if (values.region === undefined && values.endpoint === undefined) throw new UsageError('pass --region or --endpoint');
  const destination = values.endpoint !== undefined ? { endpoint: values.endpoint } : { region: values.region! };

  const auth = authFromEnvironment(process.env, projectId);
  const common = { ...destination, projectId, auth, timeoutMs, retry: { maxAttempts } };
  const validateId = service === 'mpc' ? taskIdFromText(validateTaskId) : validateAssetId;
  const ids = await collectIds<number | string>(positionals, values['from-file'], process.stdin, validateId);

  let call: (value: number | string, signal: AbortSignal) => ReturnType<ReturnType<typeof createMpcClient>['deleteTranscodingTaskRecord']>;
  let refusals: Record<string, Outcome>;
  if (service === 'mpc') {
    const client = createMpcClient(common);
    call = (value, signal) => client.deleteTranscodingTaskRecord(value as number, { signal });
    refusals = { 'MPC.10213': 'not-final', 'MPC.10211': 'not-found' };
  } else {
    const client = createVodClient(common);
    call = (value, signal) => client.cancelAssetTranscodeTask(value as string, { signal });
    refusals = { 'VOD.10083': 'not-queued', 'VOD.10062': 'not-found' };
  }

  const bar = process.stderr.isTTY && !values.json ? progressBar(process.stderr) : undefined;
  const firstListeners: Array<() => void> = [];
  const secondListeners: Array<() => void> = [];
  let interrupts = 0;
  const onSigint = () => {
    interrupts += 1;
    if (interrupts === 1) {
      process.stderr.write('\ninterrupted: starting no new ids, finishing the calls in flight (Ctrl-C again to abort them)\n');
      for (const listener of firstListeners) listener();
    } else {
      for (const listener of secondListeners) listener();
    }
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  try {
    const { counts, interrupted } = await runBulk({
      ids,
      call,
      refusals,
      concurrency,
      ratePerMinute,
      onResult: (result: IdResult) => {
        bar?.clear();
        process.stdout.write(`${values.json ? jsonLine(result) : textLine(result)}\n`);
      },
      ...(bar ? { onProgress: bar.update } : {}),
      interrupt: { onFirst: (listener) => firstListeners.push(listener), onSecond: (listener) => secondListeners.push(listener) },
    });
    bar?.clear();
    process.stderr.write(`${summary(counts, ids.length, interrupted)}\n`);
    return counts.done === ids.length ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
  }
}

async function emulatorCommand(args: string[]): Promise<number> {
  const { values, positionals } = parse(() =>
    parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    process.stdout.write(EMULATOR_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65_535) throw new UsageError('--port must be an integer from 0 to 65535');
  let seed: EmulatorOptions = {};
  if (values.seed !== undefined) {
    try {
      seed = JSON.parse(readFileSync(values.seed, 'utf8')) as EmulatorOptions;
    } catch (error) {
      throw new UsageError(`cannot read --seed ${values.seed}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  // Imported here so the client commands never load node:http and ajv.
  const { startEmulator } = await import('../emulator/server.js');
  const emulator = await startEmulator({ ...seed, port, host: values.host });
  const { mpcTasks, vodAssets } = emulator.state();
  process.stdout.write(`emulator listening on ${emulator.url} (${seed.tenants?.length ?? 0} tenants, ${mpcTasks.length} MPC task records, ${vodAssets.length} VOD assets)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await emulator.close();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [group, command, ...rest] = argv;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    process.stdout.write(MAIN_HELP);
    return group === undefined ? 2 : 0;
  }
  if (group === 'emulator') return emulatorCommand(argv.slice(1));
  if (group === 'mpc' && command === 'delete-task-record') return bulkCommand('mpc', rest);
  if (group === 'vod' && command === 'cancel-transcode') return bulkCommand('vod', rest);
  if ((group === 'mpc' || group === 'vod') && (command === undefined || command === '--help' || command === '-h')) {
    process.stdout.write(group === 'mpc' ? MPC_DELETE_HELP : VOD_CANCEL_HELP);
    return command === undefined ? 2 : 0;
  }
  throw new UsageError(`unknown command "${[group, command].filter(Boolean).join(' ')}" (see hwcloud-media --help)`);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ValidationError) {
      process.stderr.write(`hwcloud-media: ${error.message.replace(/^hwcloud-media: /, '')}\n`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(`hwcloud-media: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);

