/**
 * A load balancer: one address in front of several targets, choosing one for
 * each request. The strategy is the interesting part; each is a few lines
 * below, named as the literature names it.
 */
import type { Simulation } from './engine';
import type { Random } from './random';
import { HashRing } from './hash-ring';
import { Counter } from './statistics';
import { invalid } from './request';
import { ARRIVE, FAIL, IN, OUT, traceKind } from './trace';
import type { Outcome, Reply, Request, Target } from './request';

export const BALANCING_STRATEGIES = [
  'roundRobin', // each target in turn
  'weighted', // in turn, in proportion to weights (smooth weighted round robin, as in nginx)
  'random', // uniformly at random
  'leastConnections', // the target with the fewest requests in flight
  'powerOfTwoChoices', // two at random, the less loaded of them
  'consistentHashing', // by the request's key, so a key keeps going to the same target
] as const;
export type BalancingStrategy = (typeof BALANCING_STRATEGIES)[number];

export interface WeightedTarget {
  target: Target;
  weight: number;
}

export interface LoadBalancerOptions {
  name?: string;
  targets: (Target | WeightedTarget)[];
  strategy: BalancingStrategy;
  /** Needed by 'random' and 'powerOfTwoChoices'. */
  random?: Random;
  /** Points per target on the hash ring ('consistentHashing'). Default 100. */
  virtualNodes?: number;
}

/** The balancer's view of one target. */
export interface Backend {
  readonly name: string;
  readonly target: Target;
  readonly weight: number;
  /** Requests sent and not yet answered. */
  connections: number;
  /** Requests sent in total. */
  readonly sent: Counter;
  healthy: boolean;
  currentWeight: number; // smooth weighted round robin's running score
}

export class LoadBalancer implements Target {
  readonly name: string;
  readonly strategy: BalancingStrategy;
  readonly backends: Backend[];
  /** Requests that found no healthy target. */
  readonly noTarget = new Counter();
  private healthyBackends: Backend[];
  private nextIndex = 0;
  private linkedTargets = 0; // targets already drawn in the trace's diagram
  private readonly ring: HashRing<Backend> | undefined;
  private readonly random: Random | undefined;

  constructor(private readonly sim: Simulation, options: LoadBalancerOptions) {
    this.name = options.name ?? 'load-balancer';
    const component = `LoadBalancer '${this.name}'`;
    if (!BALANCING_STRATEGIES.includes(options.strategy)) {
      invalid(component, 'strategy', `one of ${BALANCING_STRATEGIES.join(', ')}`, options.strategy);
    }
    if (!Array.isArray(options.targets) || options.targets.length === 0) {
      invalid(component, 'targets', 'a non-empty list', options.targets?.length);
    }
    this.strategy = options.strategy;
    this.random = options.random;
    if ((this.strategy === 'random' || this.strategy === 'powerOfTwoChoices') && !this.random) {
      invalid(component, 'random', `a Random for strategy '${this.strategy}'`, undefined);
    }
    this.backends = options.targets.map((entry) => {
      const { target, weight } = 'target' in entry ? entry : { target: entry, weight: 1 };
      if (!(weight > 0)) invalid(component, `weight of '${target.name}'`, 'a number > 0', weight);
      return { name: target.name, target, weight, connections: 0, sent: new Counter(), healthy: true, currentWeight: 0 };
    });
    this.healthyBackends = [...this.backends];
    if (this.strategy === 'consistentHashing') {
      this.ring = new HashRing<Backend>(sim, { name: `${this.name}-ring`, virtualNodes: options.virtualNodes ?? 100, nodes: this.backends });
    }
  }

  handle(request: Request, reply: Reply): void {
    const tracer = this.sim.tracer;
    if (tracer !== null) this.traceArrival(request);
    const backend = this.choose(request);
    if (!backend) {
      this.noTarget.increment();
      if (tracer !== null) tracer.record(this, 'balancer', request, FAIL);
      reply(request, 'error');
      return;
    }
    backend.connections++;
    backend.sent.increment();
    backend.target.handle(request, (answered: Request, outcome: Outcome) => {
      backend.connections--;
      reply(answered, outcome);
    });
  }

  /** Stop sending to `target` (a health check found it down). */
  markDown(target: Target): void {
    const backend = this.backendOf(target);
    if (!backend.healthy) return;
    backend.healthy = false;
    this.healthyBackends = this.backends.filter((b) => b.healthy);
    this.ring?.remove(backend);
    if (this.sim.tracer !== null) this.sim.tracer.state(this, 'balancer', OUT, target);
  }

  /** Send to `target` again. With consistent hashing, its keys come back to it. */
  markUp(target: Target): void {
    const backend = this.backendOf(target);
    if (backend.healthy) return;
    backend.healthy = true;
    this.healthyBackends = this.backends.filter((b) => b.healthy);
    this.ring?.add(backend);
    if (this.sim.tracer !== null) this.sim.tracer.state(this, 'balancer', IN, target);
  }

  /** Add a target while running (scaling out). */
  addTarget(target: Target, weight = 1): void {
    if (this.backends.some((b) => b.target === target)) return;
    const backend: Backend = { name: target.name, target, weight, connections: 0, sent: new Counter(), healthy: true, currentWeight: 0 };
    this.backends.push(backend);
    this.healthyBackends = this.backends.filter((b) => b.healthy);
    this.ring?.add(backend);
  }

  /** Record an arrival, and on the first one draw every target in the diagram, busy or not. */
  private traceArrival(request: Request): void {
    const tracer = this.sim.tracer!;
    if (this.linkedTargets !== this.backends.length) {
      this.linkedTargets = this.backends.length;
      for (const backend of this.backends) {
        const { kind, workers } = traceKind(backend.target);
        tracer.link(this, 'balancer', backend.target, kind, workers);
      }
    }
    tracer.record(this, 'balancer', request, ARRIVE);
  }

  backendOf(target: Target): Backend {
    const backend = this.backends.find((b) => b.target === target);
    if (!backend) invalid(`LoadBalancer '${this.name}'`, 'target', 'one of its targets', target.name);
    return backend;
  }

  private choose(request: Request): Backend | undefined {
    const candidates = this.healthyBackends;
    const n = candidates.length;
    if (n === 0) return undefined;
    switch (this.strategy) {
      case 'roundRobin':
        return candidates[this.nextIndex++ % n];
      case 'weighted':
        return smoothWeightedRoundRobin(candidates);
      case 'random':
        return candidates[Math.floor(this.random!.next() * n)];
      case 'leastConnections':
        return leastConnections(candidates, this.nextIndex++);
      case 'powerOfTwoChoices': {
        const first = candidates[Math.floor(this.random!.next() * n)];
        const second = candidates[Math.floor(this.random!.next() * n)];
        return second.connections < first.connections ? second : first;
      }
      case 'consistentHashing':
        // Requests without a key are spread like round robin.
        return request.key === undefined ? candidates[this.nextIndex++ % n] : this.ring!.lookup(request.key);
    }
  }
}

/**
 * Fewest connections wins. Ties are broken by starting the scan at a rotating
 * position; always starting at 0 would send every tie to the first target.
 */
function leastConnections(candidates: Backend[], rotation: number): Backend {
  const n = candidates.length;
  let best = candidates[rotation % n];
  for (let i = 1; i < n; i++) {
    const candidate = candidates[(rotation + i) % n];
    if (candidate.connections < best.connections) best = candidate;
  }
  return best;
}

/**
 * Nginx's smooth weighted round robin: every turn each target gains its weight,
 * the highest score is chosen and pays back the total. Weights 5,1,1 give
 * a,a,b,a,c,a,a rather than a burst of five a's.
 */
function smoothWeightedRoundRobin(candidates: Backend[]): Backend {
  let total = 0;
  let best = candidates[0];
  for (const candidate of candidates) {
    candidate.currentWeight += candidate.weight;
    total += candidate.weight;
    if (candidate.currentWeight > best.currentWeight) best = candidate;
  }
  best.currentWeight -= total;
  return best;
}

