import type { Client } from 'openapi-fetch';
import { ValidationError } from '../errors/validation-error.js';
import type { AkskAuth } from './aksk-auth.js';
import type { TokenAuth } from './token-auth.js';

/** Exactly one of the two ways to authenticate; a client never takes both. */
export type AuthStrategy = AkskAuth | TokenAuth;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any paths type
type AnyClient = Client<any, any>;
const strategies = new WeakMap<AnyClient, AuthStrategy>();

/**
 * Registers `auth` on an openapi-fetch client so that it stays the last client-level middleware: a
 * middleware added later with `client.use()` is slotted in before it, so the signature covers its changes.
 * A second strategy on the same client is refused.
 */
export function useAuth<C extends AnyClient>(client: C, auth: AuthStrategy): C {
  if (auth?.kind !== 'aksk' && auth?.kind !== 'token') {
    throw new ValidationError('auth', 'must be akskAuth(...) or tokenAuth(...)');
  }
  const existing = strategies.get(client);
  if (existing) {
    throw new ValidationError('auth', `must be exactly one strategy: this client already uses ${existing.kind === 'aksk' ? 'akskAuth' : 'tokenAuth'}`);
  }
  strategies.set(client, auth);
  const use = client.use.bind(client);
  client.use(auth);
  client.use = (...middleware) => {
    client.eject(auth);
    try {
      use(...middleware);
    } finally {
      // Even when openapi-fetch refuses the new middleware, the client must never be left unsigned.
      use(auth);
    }
  };
  return client;
}
