/**
 * Benchmarks of the simulation kit. The workloads use only the kit and plain
 * JavaScript, so the same code runs in Node (`benchSim`) and, bundled, in a
 * Chromium worker (`benchSimWorkloads`, see sim-browser.ts).
 *
 * Each figure is the best of a few repetitions after a warm-up run: we want
 * what the engine can do once the JIT has compiled it, not the JIT's start-up.
 * In Node, bench.ts loads this file compiled without esbuild's keepNames (see
 * scripts/import-compiled.ts), as the Playground compiles the reader's code.
 */
import { Simulation, Random, Server, OpenLoad, LoadBalancer, Stats, startProcess, Resource } from '../../examples/sim';

const REPETITIONS = 3;

function best(run: () => number): number {
  run(); // warm-up
  let fastest = Infinity;
  for (let i = 0; i < REPETITIONS; i++) fastest = Math.min(fastest, run());
  return fastest;
}

function elapsedMs(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/**
 * The "hold" model, the classic event-queue benchmark: a fixed number of
 * pending events; each event, when run, schedules one more at an exponential delay.
 */
export function engineEventsPerSec(events = 5_000_000, pending = 100): number {
  const ms = best(() =>
    elapsedMs(() => {
      const sim = new Simulation();
      const random = new Random(1);
      let remaining = events - pending;
      const hold = () => {
        if (remaining-- > 0) sim.schedule(random.exponential(10), hold);
      };
      for (let i = 0; i < pending; i++) sim.schedule(random.exponential(10), hold);
      sim.run();
    }),
  );
  return (events / ms) * 1000;
}

/** An M/M/1 queue at 70% utilisation through the Server and OpenLoad components, statistics on. */
function runMM1(customers: number, exactPercentiles = false) {
  const sim = new Simulation();
  const random = new Random(2);
  const server = new Server(sim, { workers: 1, serviceTime: () => random.exponential(10), exactPercentiles });
  const client = new OpenLoad(sim, { target: server, random, ratePerSecond: 70, maxRequests: customers, exactPercentiles });
  sim.run();
  if (client.stats.ok.count !== customers) throw new Error('bench: not every customer was served');
  return { sim, server, client };
}

export function mm1CustomersPerSec(customers = 2_000_000): number {
  return (customers / best(() => elapsedMs(() => runMM1(customers)))) * 1000;
}

/**
 * The same M/M/1 (70 %, 10 ms) with each customer a generator process, the story
 * defined once and started per customer, as the reference page recommends.
 */
export function processCustomersPerSec(customers = 1_000_000): number {
  const ms = best(() =>
    elapsedMs(() => {
      const sim = new Simulation();
      const random = new Random(3);
      const worker = new Resource(sim, 1);
      const responseTime = new Stats();
      function* customer() {
        const arrived = sim.now;
        yield worker.acquire();
        yield random.exponential(10);
        worker.release();
        responseTime.record(sim.now - arrived);
      }
      startProcess(sim, function* arrivals() {
        for (let i = 0; i < customers; i++) {
          startProcess(sim, customer());
          yield random.exponential(1000 / 70);
        }
      });
      sim.run();
      if (responseTime.count !== customers) throw new Error('bench: not every customer was served');
    }),
  );
  return (customers / ms) * 1000;
}

/**
 * The same, with the story written inline in the loop: a new generator function per
 * customer, which V8 makes expensive (each gets its own hidden class). Shown so the
 * difference the style makes stays visible.
 */
export function processInlineCustomersPerSec(customers = 300_000): number {
  const ms = best(() =>
    elapsedMs(() => {
      const sim = new Simulation();
      const random = new Random(3);
      const worker = new Resource(sim, 1);
      const responseTime = new Stats();
      startProcess(sim, function* arrivals() {
        for (let i = 0; i < customers; i++) {
          startProcess(sim, function* customer() {
            const arrived = sim.now;
            yield worker.acquire();
            yield random.exponential(10);
            worker.release();
            responseTime.record(sim.now - arrived);
          });
          yield random.exponential(1000 / 70);
        }
      });
      sim.run();
    }),
  );
  return (customers / ms) * 1000;
}

/** One million requests, Poisson at 900/s, to three 4-worker servers behind a least-connections balancer. */
export function cluster1MRequestsMs(requests = 1_000_000): number {
  return best(() =>
    elapsedMs(() => {
      const sim = new Simulation();
      const random = new Random(4);
      const servers = [1, 2, 3].map(
        (n) => new Server(sim, { name: `node-${n}`, workers: 4, serviceTime: () => random.exponential(10) }),
      );
      const balancer = new LoadBalancer(sim, { targets: servers, strategy: 'leastConnections' });
      const client = new OpenLoad(sim, { target: balancer, random, ratePerSecond: 900, maxRequests: requests });
      sim.run();
      if (client.stats.ok.count !== requests) throw new Error('bench: not every request was served');
    }),
  );
}

/**
 * Retained memory of one million completed requests with exact percentiles
 * kept (every latency stored, at the client and at the server). `heapUsedMB`
 * must report the live heap after a full garbage collection.
 */
export function mm1HeapMB(heapUsedMB: () => number): number {
  const before = heapUsedMB();
  const kept = runMM1(1_000_000, true);
  const after = heapUsedMB();
  if (kept.client.stats.latency.percentile(99.9) <= 0) throw new Error('bench: no percentile');
  return after - before;
}

/** Figures that need nothing but the kit: used in Node and in the browser worker. */
export async function benchSimWorkloads(): Promise<Record<string, number>> {
  const server = mm1CustomersPerSec();
  const processes = processCustomersPerSec();
  return {
    engineEventsPerSec: Math.round(engineEventsPerSec()),
    // The same M/M/1 through the callback Server and as generator processes, side by side.
    mm1CustomersPerSec: Math.round(server),
    processCustomersPerSec: Math.round(processes),
    processInlineCustomersPerSec: Math.round(processInlineCustomersPerSec()),
    serverToProcessRatio: Math.round((server / processes) * 100) / 100,
    cluster1MRequestsMs: Math.round(cluster1MRequestsMs()),
  };
}

/** Node: the workloads plus memory, measured after forced garbage collections. */
export async function benchSim(): Promise<Record<string, number>> {
  const figures = await benchSimWorkloads();
  const v8 = await import('node:v8');
  const vm = await import('node:vm');
  // Expose gc() without asking the user for --expose-gc on the command line.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  const heapUsedMB = () => {
    gc();
    gc();
    // Typed arrays keep their contents outside the JS heap, in `arrayBuffers`.
    const usage = process.memoryUsage();
    return (usage.heapUsed + usage.arrayBuffers) / 1024 / 1024;
  };
  figures.mm1HeapMB = Math.round(mm1HeapMB(heapUsedMB) * 10) / 10;
  return figures;
}
