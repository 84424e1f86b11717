import { readFile } from 'node:fs/promises';
import { ValidationError } from '../errors/validation-error.js';
import { UsageError } from './usage-error.js';

/** Lines of text as ids: trimmed, blank lines and `#` comments skipped. */
export function parseIdLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk as string;
  return text;
}

/**
 * The ids of a run: the arguments, then --from-file (`-` is standard input); standard input when neither
 * gives any and it is not a terminal. Every id is checked with `validate` before anything is sent.
 */
export async function collectIds<T>(
  positionals: string[],
  fromFile: string | undefined,
  stdin: NodeJS.ReadStream,
  validate: (raw: string) => T,
): Promise<Array<{ raw: string; value: T }>> {
  const raw = [...positionals];
  if (fromFile !== undefined) {
    try {
      raw.push(...parseIdLines(fromFile === '-' ? await readStream(stdin) : await readFile(fromFile, 'utf8')));
    } catch (error) {
      throw new UsageError(`cannot read --from-file ${fromFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  } else if (raw.length === 0 && !stdin.isTTY) {
    raw.push(...parseIdLines(await readStream(stdin)));
  }
  if (raw.length === 0) throw new UsageError('no ids given (as arguments, with --from-file, or on standard input)');
  const seen = new Set<string>();
  const ids: Array<{ raw: string; value: T }> = [];
  for (const [index, id] of raw.entries()) {
    if (seen.has(id)) continue; // a repeated id would only be answered "not found" the second time
    seen.add(id);
    try {
      ids.push({ raw: id, value: validate(id) });
    } catch (error) {
      if (error instanceof ValidationError) throw new UsageError(`id #${index + 1} (${JSON.stringify(id.slice(0, 80))}): ${error.field} ${error.rule}`);
      throw error;
    }
  }
  return ids;
}

/** A task id as typed on a command line: decimal digits only, then the client's own int32 rule. */
export function taskIdFromText(validateTaskId: (value: number) => number) {
  return (text: string): number => {
    if (!/^\d+$/.test(text)) throw new ValidationError('taskId', 'must be a positive integer written in decimal digits');
    return validateTaskId(Number(text));
  };
}
