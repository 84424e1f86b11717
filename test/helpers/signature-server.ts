// A loopback HTTP server that checks each AK/SK signature on its own: a second, deliberately separate
// implementation of the canonical request (node:crypto, URLSearchParams, byte-wise encoding), so that a bug
// in src/auth cannot pass by agreeing with itself.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  rawUrl: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  verdict: 'valid' | 'invalid' | 'token' | 'unauthenticated';
  signedHeaders?: string[];
  canonicalRequest?: string;
}

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;

function encode(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function independentCanonicalRequest(method: string, rawUrl: string, headers: IncomingHttpHeaders, signed: string[], body: Buffer): string {
  const questionMark = rawUrl.indexOf('?');
  const rawPath = questionMark === -1 ? rawUrl : rawUrl.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : rawUrl.slice(questionMark + 1);
  let uri = rawPath.split('/').map((segment) => encode(decode(segment))).join('/');
  if (!uri.endsWith('/')) uri += '/';
  const query = [...new URLSearchParams(rawQuery)]
    .sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1))
    .map(([key, value]) => `${encode(key)}=${encode(value)}`)
    .join('&');
  const headerBlock = signed.map((name) => `${name}:${String(headers[name] ?? '').trim()}\n`).join('');
  const contentSha = headers['x-sdk-content-sha256'];
  const payload = typeof contentSha === 'string' ? contentSha : createHash('sha256').update(body).digest('hex');
  return [method, uri, query, headerBlock, signed.join(';'), payload].join('\n');
}

export async function startSignatureServer(secrets: Record<string, string>, tokens: string[] = []) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: ReceivedRequest = { method: req.method ?? '', rawUrl: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks), verdict: 'unauthenticated' };
      received.push(entry);
      const token = req.headers['x-auth-token'];
      const match = AUTHORIZATION.exec(req.headers.authorization ?? '');
      if (typeof token === 'string' && !match) {
        entry.verdict = tokens.includes(token) ? 'token' : 'invalid';
      } else if (match) {
        const [, ak, signedList, signature] = match as unknown as [string, string, string, string];
        const signed = signedList.split(';');
        const canonical = independentCanonicalRequest(entry.method, entry.rawUrl, req.headers, signed, entry.body);
        entry.signedHeaders = signed;
        entry.canonicalRequest = canonical;
        const sk = secrets[ak];
        const date = String(req.headers['x-sdk-date'] ?? '');
        if (sk && signed.includes('host') && signed.includes('x-sdk-date')) {
          const expected = createHmac('sha256', sk)
            .update(`SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`)
            .digest();
          entry.verdict = timingSafeEqual(expected, Buffer.from(signature, 'hex')) ? 'valid' : 'invalid';
        } else {
          entry.verdict = 'invalid';
        }
      }
      if (entry.verdict === 'valid' || entry.verdict === 'token') {
        res.writeHead(204, { 'X-Request-Id': '0'.repeat(32) }).end();
      } else {
        res
          .writeHead(401, { 'Content-Type': 'application/json', 'X-Request-Id': '1'.repeat(32) })
          .end(JSON.stringify({ error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information', request_id: '1'.repeat(32) }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
