// What a run prints: one line per id on stdout (text or JSON), a progress bar and the summary on stderr.
import type { IdResult, Outcome } from './bulk.js';

export function textLine(result: IdResult): string {
  const parts = [result.id, result.outcome];
  if (result.errorCode) parts.push(result.errorCode);
  if (result.requestId) parts.push(`request-id=${result.requestId}`);
  if (result.detail) parts.push(result.detail);
  return parts.join('\t');
}

export function jsonLine(result: IdResult): string {
  return JSON.stringify(result);
}

const LABELS: Record<Outcome, string> = {
  done: 'done',
  'not-final': 'not in a final state',
  'not-queued': 'not queued',
  'not-found': 'not found',
  failed: 'failed',
  'not-attempted': 'not attempted',
};

export function summary(counts: Record<Outcome, number>, total: number, interrupted: boolean): string {
  const parts = (Object.keys(LABELS) as Outcome[]).filter((outcome) => counts[outcome] > 0 || outcome === 'done').map((outcome) => `${LABELS[outcome]}: ${counts[outcome]}`);
  return `${interrupted ? 'interrupted. ' : ''}${total} ids: ${parts.join(', ')}`;
}

/** A one-line bar redrawn in place; only for a terminal, and at most every 100 ms. */
export function progressBar(stream: NodeJS.WriteStream) {
  let last = 0;
  return {
    update(finished: number, total: number, counts: Record<Outcome, number>) {
      const now = Date.now();
      if (finished < total && now - last < 100) return;
      last = now;
      const width = 24;
      const filled = Math.round((finished / total) * width);
      const problems = total - counts.done - (total - finished);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${total} done ${counts.done}${problems > 0 ? `, other ${problems}` : ''}`);
    },
    clear() {
      stream.write('\r\u001b[2K');
    },
  };
}
