/**
 * Failure injection: crash a node, slow it down, restart it, at chosen times
 * or at random with a mean time between failures (MTBF) and a mean time to
 * repair (MTTR). Watchers measure how long a condition ("the service is up")
 * held, which is how availability is checked against the formulas.
 */
import type { Simulation } from './engine';
import type { Random } from './random';
import { TimeWeighted } from './statistics';
import { requirePositive, requireNonNegative, invalid } from './request';
import type { Failable } from './request';

export interface FailureEvent {
  time: number;
  target: string;
  event: 'crash' | 'restart' | 'slow' | 'recover';
}

export class FailureInjector {
  /** Everything injected, in time order. */
  readonly log: FailureEvent[] = [];
  private readonly watchers: { isUp: () => boolean; uptime: TimeWeighted }[] = [];

  constructor(private readonly sim: Simulation) {}

  /** Crash `target` at `atMs`; restart it `downForMs` later if given. */
  crashAt(target: Failable, atMs: number, downForMs?: number): void {
    requireNonNegative('FailureInjector', 'atMs', atMs);
    this.sim.at(atMs, () => this.crash(target));
    if (downForMs !== undefined) {
      requirePositive('FailureInjector', 'downForMs', downForMs);
      this.sim.at(atMs + downForMs, () => this.restart(target));
    }
  }

  restartAt(target: Failable, atMs: number): void {
    this.sim.at(atMs, () => this.restart(target));
  }

  /** Make `target` `factor` times slower from `atMs`, for `forMs` if given (a "grey failure"). */
  slowAt(target: Failable, atMs: number, factor: number, forMs?: number): void {
    if (!(factor > 0)) invalid('FailureInjector', 'factor', 'a number > 0', factor);
    this.sim.at(atMs, () => {
      target.setSlowdown(factor);
      this.record(target, 'slow');
    });
    if (forMs !== undefined) {
      this.sim.at(atMs + forMs, () => {
        target.setSlowdown(1);
        this.record(target, 'recover');
      });
    }
  }

  /**
   * Fail and repair `target` forever: up for an exponential time with mean
   * `mtbfMs`, down for an exponential time with mean `mttrMs`, and again.
   */
  randomFailures(target: Failable, options: { random: Random; mtbfMs: number; mttrMs: number }): void {
    requirePositive('FailureInjector', 'mtbfMs', options.mtbfMs);
    requirePositive('FailureInjector', 'mttrMs', options.mttrMs);
    const fail = () => {
      this.crash(target);
      this.sim.schedule(options.random.exponential(options.mttrMs), repair);
    };
    const repair = () => {
      this.restart(target);
      this.sim.schedule(options.random.exponential(options.mtbfMs), fail);
    };
    this.sim.schedule(options.random.exponential(options.mtbfMs), fail);
  }

  /**
   * Track the fraction of time `isUp()` holds, re-evaluated after each
   * injected crash or restart. `availability(watcher)` reads it.
   */
  watch(isUp: () => boolean): TimeWeighted {
    const uptime = new TimeWeighted(isUp() ? 1 : 0, this.sim.now);
    this.watchers.push({ isUp, uptime });
    return uptime;
  }

  private crash(target: Failable): void {
    target.crash();
    this.record(target, 'crash');
  }

  private restart(target: Failable): void {
    target.restart();
    this.record(target, 'restart');
  }

  private record(target: Failable, event: FailureEvent['event']): void {
    this.log.push({ time: this.sim.now, target: target.name, event });
    for (const watcher of this.watchers) watcher.uptime.set(this.sim.now, watcher.isUp() ? 1 : 0);
  }
}

/** A component that is only up or down (a disk, a power supply, a zone): for availability models. */
export class Component implements Failable {
  isUp = true;
  constructor(readonly name: string) {}
  crash(): void {
    this.isUp = false;
  }
  restart(): void {
    this.isUp = true;
  }
  setSlowdown(): void {}
}
