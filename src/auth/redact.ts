const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * Gives `target` one safe face for String(), JSON.stringify and util.inspect (Node, Bun and Deno all honour
 * the inspect symbol): `label` and a summary that must hold no secret. The members are non-enumerable, so
 * spreading or iterating the object shows nothing new either.
 */
export function withRedactedView<T extends object>(target: T, label: string, summary: Readonly<Record<string, unknown>>): T {
  const text = `${label} ${JSON.stringify(summary)}`;
  Object.defineProperties(target, {
    toString: { value: () => text },
    toJSON: { value: () => ({ type: label, ...summary }) },
    [INSPECT]: { value: () => text },
  });
  return target;
}

/** The first four characters of an access key and a mask: enough to tell keys apart in a log. */
export function maskAccessKey(ak: string): string {
  return ak.length <= 4 ? '****' : `${ak.slice(0, 4)}****`;
}
