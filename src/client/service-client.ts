// What the MPC and VOD clients share: options resolved, one transport and raw client, and a single operation
// that validates its id, then sends with retries. Each client file adds only its path and its id rule.
import type { Client } from 'openapi-fetch';
import { withRedactedView } from '../auth/redact.js';
import { runOperation, type CallOptions, type OperationDefinition, type OperationResult, type SendAttempt } from './operation.js';
import { resolveOptions } from './options.js';
import { createRawClient } from './raw-client.js';
import { createTransport } from './transport.js';
import { validateSignal } from './validate.js';

export interface ServiceDescription<Paths extends {}, Id> {
  /** `MPC` or `VOD`, for messages about options. */
  service: string;
  /** Name of the client in String(), JSON.stringify and util.inspect. */
  label: string;
  regions: Readonly<Record<string, string>>;
  operation: OperationDefinition;
  /** Checks the id before anything is sent; throws ValidationError. */
  validateId(id: unknown): Id;
  /** One attempt: the typed openapi-fetch call for the operation. */
  send(raw: Client<Paths>, projectId: string, id: Id, signal: AbortSignal): ReturnType<SendAttempt>;
}

export interface ServiceClient<Paths extends {}> {
  readonly raw: Client<Paths>;
  readonly endpoint: string;
  readonly projectId: string;
}

/** Builds the shared part of a client and returns it with its one operation under `method`. */
export function createServiceClient<Paths extends {}, Id, Method extends string>(
  description: ServiceDescription<Paths, Id>,
  method: Method,
  options: unknown,
): ServiceClient<Paths> & Record<Method, (id: Id, options?: CallOptions) => Promise<OperationResult>> {
  const resolved = resolveOptions(description.service, description.regions, options);
  const transport = createTransport(resolved.fetch);
  const raw = createRawClient<Paths>(resolved, transport);
  const settings = { auth: resolved.auth, retry: resolved.retry, timeoutMs: resolved.timeoutMs, transport };
  const { projectId, baseUrl: endpoint } = resolved;

  const operation = async (id: Id, callOptions?: CallOptions): Promise<OperationResult> => {
    const checked = description.validateId(id);
    const signal = validateSignal(callOptions?.signal);
    return runOperation(description.operation, settings, (attemptSignal) => description.send(raw, projectId, checked, attemptSignal), signal);
  };
  const client = { raw, endpoint, projectId, [method]: operation } as ServiceClient<Paths> &
    Record<Method, (id: Id, options?: CallOptions) => Promise<OperationResult>>;
  // The client holds the auth strategy (in its raw client's middleware): give it one safe face too.
  return withRedactedView(client, description.label, { endpoint, projectId, auth: resolved.auth?.kind ?? 'none' });
}
