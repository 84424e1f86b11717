import createClient, { type Client } from 'openapi-fetch';
import { useAuth } from '../auth/use-auth.js';
import type { ResolvedOptions } from './options.js';
import type { Transport } from './transport.js';

/**
 * The typed openapi-fetch client for one spec, with the client's endpoint, fetch, User-Agent and auth
 * strategy. The User-Agent is a default header, so it is on the request when the strategy signs it and is
 * signed with it. Calls made on it directly get no validation, timeout or retry.
 */
export function createRawClient<Paths extends {}>(options: ResolvedOptions, transport: Transport): Client<Paths> {
  const raw = createClient<Paths>({
    baseUrl: options.baseUrl,
    fetch: transport.fetch,
    ...(options.userAgent === undefined ? {} : { headers: { 'User-Agent': options.userAgent } }),
  });
  return options.auth ? useAuth(raw, options.auth) : raw;
}
