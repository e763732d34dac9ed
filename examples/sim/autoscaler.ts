/**
 * An autoscaler: every `intervalMs` it measures the utilisation of a server's
 * workers over the last interval and sets the number of workers that would
 * bring it to `targetUtilisation`. New workers take `provisionDelayMs` to
 * arrive (booting a machine, pulling an image): the reaction delay during
 * which a sudden spike queues up. Scaling in happens at once.
 */
import type { Simulation } from './engine';
import type { Server } from './server';
import { requireInteger, requirePositive, requireNonNegative, invalid } from './request';

export interface AutoscalerOptions {
  server: Server;
  intervalMs: number;
  /** Aim for this busy fraction of workers (0..1), e.g. 0.6. */
  targetUtilisation: number;
  minWorkers: number;
  maxWorkers: number;
  /** Time for a new worker to come into service, ms. */
  provisionDelayMs: number;
}

export class Autoscaler {
  /** [time ms, workers in service] after every change, starting with the initial count: ready for a step chart. */
  readonly history: [number, number][];
  private lastBusyIntegral: number;
  private lastTime: number;
  private provisioning = 0; // workers ordered and not yet in service

  constructor(private readonly sim: Simulation, private readonly options: AutoscalerOptions) {
    requirePositive('Autoscaler', 'intervalMs', options.intervalMs);
    if (!(options.targetUtilisation > 0 && options.targetUtilisation <= 1)) {
      invalid('Autoscaler', 'targetUtilisation', 'a number in (0, 1]', options.targetUtilisation);
    }
    requireInteger('Autoscaler', 'minWorkers', options.minWorkers, 1);
    requireInteger('Autoscaler', 'maxWorkers', options.maxWorkers, options.minWorkers);
    requireNonNegative('Autoscaler', 'provisionDelayMs', options.provisionDelayMs);
    this.history = [[sim.now, options.server.workers]];
    this.lastBusyIntegral = options.server.busyWorkers.integral(sim.now);
    this.lastTime = sim.now;
    sim.schedule(options.intervalMs, () => this.evaluate());
  }

  private evaluate(): void {
    const { server, targetUtilisation, minWorkers, maxWorkers } = this.options;
    const now = this.sim.now;
    const busyIntegral = server.busyWorkers.integral(now);
    // Busy worker-ms over the interval, divided by its length: the mean number of busy workers.
    const busy = (busyIntegral - this.lastBusyIntegral) / (now - this.lastTime);
    // Queued requests are demand too: without them a saturated server reads as merely "100% busy".
    const demand = busy + server.queueLength;
    this.lastBusyIntegral = busyIntegral;
    this.lastTime = now;
    const desired = Math.min(maxWorkers, Math.max(minWorkers, Math.ceil(demand / targetUtilisation)));
    const planned = server.workers + this.provisioning;
    if (desired > planned) {
      const adding = desired - planned;
      this.provisioning += adding;
      this.sim.schedule(this.options.provisionDelayMs, () => {
        this.provisioning -= adding;
        this.setWorkers(server.workers + adding);
      });
    } else if (desired < server.workers && this.provisioning === 0) {
      this.setWorkers(desired);
    }
    this.sim.schedule(this.options.intervalMs, () => this.evaluate());
  }

  private setWorkers(count: number): void {
    this.options.server.setWorkers(count);
    this.history.push([this.sim.now, count]);
  }
}
