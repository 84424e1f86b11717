// Deterministic fault injection: rules are matched in order against each request of their route, with
// per-rule counters and one seeded generator, so a seed and a request sequence always give the same faults.
import { seededRandom } from './prng.js';
import type { EmulatedApi, EmulatorFaults, FaultAction } from './types.js';

export interface FaultPlan {
  latencyMs: number;
  /** The first non-latency action that fired, if any. */
  action?: Exclude<FaultAction, { type: 'latency' }>;
}

export class FaultInjector {
  private readonly random: () => number;
  private readonly seen: number[];
  private readonly fired: number[];

  constructor(private readonly faults: EmulatorFaults | undefined) {
    this.random = seededRandom(faults?.seed ?? 1);
    this.seen = (faults?.rules ?? []).map(() => 0);
    this.fired = (faults?.rules ?? []).map(() => 0);
  }

  plan(route: EmulatedApi | undefined): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0 };
    const rules = this.faults?.rules ?? [];
    for (let index = 0; index < rules.length; index += 1) {
      const rule = rules[index]!;
      const target = rule.route ?? 'any';
      if (target !== 'any' && target !== route) continue;
      const ordinal = this.seen[index]!;
      this.seen[index] = ordinal + 1;
      if (ordinal < (rule.skip ?? 0)) continue;
      if (rule.times !== undefined && this.fired[index]! >= rule.times) continue;
      if (rule.probability !== undefined && this.random() >= rule.probability) continue;
      if (rule.action.type === 'latency') {
        this.fired[index]! += 1;
        const { ms } = rule.action;
        plan.latencyMs += typeof ms === 'number' ? ms : ms[0] + this.random() * (ms[1] - ms[0]);
        continue;
      }
      if (plan.action) continue; // one outcome per request; later rules keep their turn for later requests
      this.fired[index]! += 1;
      plan.action = rule.action;
    }
    return plan;
  }
}
