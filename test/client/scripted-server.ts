// A loopback server that answers each request with the next step of a script: a status and body, a hang-up
// after the request arrived (its response is lost), or silence. It records what arrived, and checks each
// AK/SK signature with the independent verifier of test/helpers/signature-server.ts.
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { independentCanonicalRequest } from '../helpers/signature-server.js';

export type Step = (req: IncomingMessage, res: ServerResponse) => void;

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The canonical request the verifier computed, when the request was AK/SK-signed. */
  canonicalRequest?: string;
  /** Whether the signature verified with `secret`, when signed. */
  signatureValid?: boolean;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;
export const REQUEST_ID = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

/** Answers with `status`, a JSON body for an object, the text as is for a string, nothing for undefined. */
export function reply(status: number, body?: string | object, headers: Record<string, string> = {}): Step {
  return (_req, res) => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'object' ? { 'Content-Type': 'application/json' } : {};
    res.writeHead(status, { 'X-Request-Id': REQUEST_ID, ...type, ...headers }).end(text);
  };
}

/** Closes the connection after the request arrived: the client sees a network error, its response lost. */
export const hangUp: Step = (req) => req.socket.destroy();

/** Never answers. */
export const stall: Step = () => {};

export async function startScriptedServer(secret?: { ak: string; sk: string }) {
  const received: Received[] = [];
  let steps: Step[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
      const match = AUTHORIZATION.exec(req.headers.authorization ?? '');
      if (match && secret) {
        const [, ak, signed, signature] = match as unknown as [string, string, string, string];
        entry.canonicalRequest = independentCanonicalRequest(entry.method, entry.url, req.headers, signed.split(';'), Buffer.concat(chunks));
        const stringToSign = `SDK-HMAC-SHA256\n${String(req.headers['x-sdk-date'])}\n${createHash('sha256').update(entry.canonicalRequest).digest('hex')}`;
        entry.signatureValid = ak === secret.ak && createHmac('sha256', secret.sk).update(stringToSign).digest('hex') === signature;
      }
      received.push(entry);
      const step = steps.shift() ?? reply(599, 'the test script has no step left');
      step(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Replaces the script and forgets what was received. */
    script(...next: Step[]) {
      steps = next;
      received.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/** A port on 127.0.0.1 where nothing listens: connecting is refused, so nothing is ever sent. */
export async function closedPort(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** Runs `run` and returns what it rejected with; fails the test if it resolved. */
export async function rejection(run: Promise<unknown>): Promise<unknown> {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to reject');
}
