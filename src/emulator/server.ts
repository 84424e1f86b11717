// startEmulator: an HTTP server on loopback that behaves like the API gateway and the two services behind it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FaultInjector } from './faults.js';
import { Gateway, RateLimiter, headerValue, type GatewayRejection, type ReceivedRequest } from './gateway.js';
import { newRequestId } from './prng.js';
import { MediaServices, SERVICE_ERRORS, type ServiceAnswer } from './services.js';
import { buildRouteValidator, loadBundledSpec, type RouteValidator } from './spec.js';
import type { EmulatedApi, EmulatorOptions, EmulatorState, FaultAction, RunningEmulator } from './types.js';

const DEFAULT_MAX_BODY_BYTES = 12 * 1024 * 1024;
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;
const CORS_ALLOWED_HEADERS = 'Authorization, Content-Type, X-Auth-Token, X-Project-Id, X-Sdk-Date, X-Security-Token, X-Sdk-Content-Sha256, User-Agent';

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const prefix = options.errorCodePrefix ?? 'APIGW';
  const gateway = new Gateway({
    tenants: options.tenants ?? [],
    maxClockSkewSeconds: options.maxClockSkewSeconds ?? 900,
    lockout: options.lockout ?? { failures: 5, seconds: 300 },
    now,
  });
  const limiter = new RateLimiter(options.rateLimitPerMinute ?? 100, now);
  const services = new MediaServices(options.mpcTasks ?? [], options.vodAssets ?? []);
  const faults = new FaultInjector(options.faults);
  const routes: RouteValidator[] = (['mpc', 'vod'] as const).map((api) => buildRouteValidator(api, loadBundledSpec(api)));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const counters = { total: 0, byOutcome: {} as Record<string, number> };
  const count = (outcome: string | number) => {
    counters.byOutcome[outcome] = (counters.byOutcome[outcome] ?? 0) + 1;
  };

  const gatewayBody = (rejection: Pick<GatewayRejection, 'code' | 'message'>, requestId: string) =>
    JSON.stringify({ error_code: `${prefix}.${rejection.code}`, error_msg: rejection.message, request_id: requestId });

  function send(res: ServerResponse, requestId: string, status: number, body?: string, extraHeaders: Record<string, string> = {}) {
    const headers: Record<string, string | number> = { 'X-Request-Id': requestId, ...extraHeaders };
    if (options.cors) Object.assign(headers, corsHeaders());
    if (body !== undefined) {
      headers['Content-Type'] ??= 'application/json';
      headers['Content-Length'] = Buffer.byteLength(body);
    }
    count(status);
    res.writeHead(status, headers);
    res.end(body);
  }

  function corsHeaders() {
    return { 'Access-Control-Allow-Origin': '*', 'Access-Control-Expose-Headers': 'X-Request-Id' };
  }

  function route(method: string, rawPath: string): { validator: RouteValidator; projectSegment: string } | undefined {
    for (const validator of routes) {
      const match = validator.pathPattern.exec(rawPath);
      if (match && method === validator.method) return { validator, projectSegment: match[1] ?? '' };
    }
    return undefined;
  }

  function routeApi(rawPath: string): EmulatedApi | undefined {
    return routes.find((validator) => validator.pathPattern.test(rawPath))?.api;
  }

  /** Everything after the faults: gateway, throttling, validation, service. Returns the answer to send. */
  function process(request: ReceivedRequest, requestId: string): { status: number; body?: string } {
    const questionMark = request.rawTarget.indexOf('?');
    const rawPath = questionMark === -1 ? request.rawTarget : request.rawTarget.slice(0, questionMark);
    const matched = route(request.method, rawPath);
    if (!matched) {
      return { status: 404, body: gatewayBody({ code: '0101', message: 'The API does not exist or has not been published in the environment.' }, requestId) };
    }
    const auth = gateway.authenticate(request);
    if (!auth.ok) return { status: auth.rejection.status, body: gatewayBody(auth.rejection, requestId) };
    const { tenant } = auth;
    const { validator, projectSegment } = matched;

    if (!limiter.take(`${tenant.ak}|${validator.api}`)) {
      return {
        status: 429,
        body: gatewayBody({ code: '0308', message: `The throttling threshold has been reached: policy user over ratelimit,limit:${limiter.limit},time:1 minute` }, requestId),
      };
    }

    const errors = SERVICE_ERRORS[validator.api];
    const projectId = safeDecode(projectSegment);
    // ASSUMPTION: the tenant check comes before parameter checks, so another tenant learns nothing about the
    // request; a signed X-Project-Id that differs from the path is refused the same way.
    const projectHeader = headerValue(request.headers, 'x-project-id');
    if (projectId !== tenant.projectId || (projectHeader !== undefined && projectHeader !== tenant.projectId)) {
      return serviceAnswer(errors.tenantMismatch);
    }
    const query = new URLSearchParams(questionMark === -1 ? '' : request.rawTarget.slice(questionMark + 1));
    const checked = validator.validate({ project_id: projectId }, query);
    if (!checked.ok) {
      return serviceAnswer(validator.api === 'mpc' ? SERVICE_ERRORS.mpc.invalidParameter : SERVICE_ERRORS.vod.invalidParameter(checked.field));
    }
    return serviceAnswer(
      validator.api === 'mpc'
        ? services.deleteTranscodingTaskRecord(projectId, checked.values['task_id'] as number, requestId)
        : services.cancelAssetTranscodeTask(projectId, checked.values['asset_id'] as string, requestId),
    );
  }

  const sockets = new Set<Socket>();
  const timeouts = serverTimeouts(options);
  const server = createServer({ maxHeaderSize: 16 * 1024, ...timeouts }, (req, res) => {
    counters.total += 1;
    const requestId = newRequestId();
    if (options.cors && req.method === 'OPTIONS') {
      count(204);
      res
        .writeHead(204, {
          ...corsHeaders(),
          'Access-Control-Allow-Methods': 'DELETE, OPTIONS',
          'Access-Control-Allow-Headers': CORS_ALLOWED_HEADERS,
          'Access-Control-Max-Age': '600',
          'X-Request-Id': requestId,
        })
        .end();
      return;
    }
    readBody(req, maxBodyBytes).then(
      (body) => {
        if (body === undefined) {
          send(res, requestId, 413, gatewayBody({ code: '0201', message: 'Request entity too large.' }, requestId), { Connection: 'close' });
          return;
        }
        const received: ReceivedRequest = { method: req.method ?? '', rawTarget: req.url ?? '/', headers: req.headers, body };
        const target = received.rawTarget;
        const plan = faults.plan(routeApi(target.split('?')[0] ?? ''));
        const respond = () => answer(res, received, requestId, plan.action);
        if (plan.latencyMs > 0) setTimeout(respond, plan.latencyMs);
        else respond();
      },
      () => res.destroy(),
    );
  });

  function answer(res: ServerResponse, request: ReceivedRequest, requestId: string, action: Exclude<FaultAction, { type: 'latency' }> | undefined) {
    if (res.destroyed) return;
    switch (action?.type) {
      case undefined: {
        const result = process(request, requestId);
        send(res, requestId, result.status, result.body);
        return;
      }
      case 'status': {
        const body = action.body ?? gatewayBody(cannedGatewayError(action.status), requestId);
        const headers: Record<string, string> = {};
        if (action.retryAfter !== undefined) headers['Retry-After'] = action.retryAfter;
        if (action.contentType !== undefined) headers['Content-Type'] = action.contentType;
        send(res, requestId, action.status, body, headers);
        return;
      }
      case 'reset': {
        if (action.when !== 'before-headers') process(request, requestId);
        count('reset');
        if (action.when === 'after-headers') {
          res.socket?.write(`HTTP/1.1 200 OK\r\nX-Request-Id: ${requestId}\r\n`);
        }
        res.socket?.destroy();
        return;
      }
      case 'truncate': {
        const result = process(request, requestId);
        if (result.body === undefined) {
          send(res, requestId, result.status);
          return;
        }
        count('truncated');
        res.writeHead(result.status, { 'X-Request-Id': requestId, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(result.body) });
        res.write(result.body.slice(0, Math.max(1, Math.floor(result.body.length / 2))));
        // Let the partial body reach the client before the connection drops.
        setImmediate(() => res.socket?.destroy());
        return;
      }
      case 'hang':
        count('hang');
        return;
    }
  }

  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A malformed request never reaches the handler; answer it as the gateway would instead of crashing. A
  // request whose head or body takes longer than the time limits arrives here too (ERR_HTTP_REQUEST_TIMEOUT).
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (socket.writable && error.code !== 'ECONNRESET') {
      const [status, reason] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'Request Header Fields Too Large']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'Request Timeout']
            : [400, 'Bad Request'];
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    state: (): EmulatorState => ({ ...services.snapshot(), requests: { total: counters.total, byOutcome: { ...counters.byOutcome } } }),
  };
}

/**
 * Time limits against slow clients: without them, Node waits 60 s for a request's head and 300 s for the
 * whole request, and checks only every 30 s, so a few slowloris connections could hold the emulator's
 * sockets for minutes. Connections are checked at a quarter of the head limit (at most every second).
 */
function serverTimeouts(options: EmulatorOptions) {
  const headersTimeout = positiveMs('headersTimeoutMs', options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS);
  const requestTimeout = positiveMs('requestTimeoutMs', options.requestTimeoutMs ?? Math.max(DEFAULT_REQUEST_TIMEOUT_MS, headersTimeout));
  const keepAliveTimeout = positiveMs('keepAliveTimeoutMs', options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS);
  // Node refuses a head limit above the whole-request limit.
  if (headersTimeout > requestTimeout) throw new RangeError('headersTimeoutMs must not exceed requestTimeoutMs');
  const connectionsCheckingInterval = Math.max(10, Math.min(1_000, Math.floor(headersTimeout / 4)));
  return { headersTimeout, requestTimeout, keepAliveTimeout, connectionsCheckingInterval };
}

function positiveMs(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer of milliseconds`);
  return value;
}

function serviceAnswer(answer: ServiceAnswer): { status: number; body?: string } {
  return answer.body ? { status: answer.status, body: JSON.stringify(answer.body) } : { status: answer.status };
}

function cannedGatewayError(status: number): Pick<GatewayRejection, 'code' | 'message'> {
  switch (status) {
    case 429:
      return { code: '0308', message: 'The throttling threshold has been reached: policy user over ratelimit,limit:100,time:1 minute' };
    case 500:
      return { code: '0601', message: 'Internal server error.' };
    case 502:
      return { code: '0201', message: 'Backend unavailable.' };
    case 503:
      return { code: '0613', message: 'The IAM service is currently unavailable.' };
    case 504:
      return { code: '0201', message: 'Backend timeout.' };
    default:
      return { code: '0201', message: 'API request error.' };
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The request body, or undefined once it grows past `limit` (the rest is drained, not buffered). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      req.once('end', () => resolve(undefined));
      req.once('error', reject);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else if (!tooLarge) chunks.push(chunk);
    });
    req.once('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}
