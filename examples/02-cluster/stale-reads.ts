/**
 * Read replicas and replication lag: a user saves something, the page reloads,
 * and the saved change is not there, because the reload read from a replica
 * that had not yet applied the write.
 *
 * Each user browses (reads their own record) and now and then saves (writes
 * it); right after a save the page redirects and reads again. Writes go to the
 * primary and reach each replica after a random lag. The table shows what
 * share of the reads right after a save are stale, against the lag, and what
 * "read your writes" costs: for PIN_TO_PRIMARY_MS after a user's save, that
 * user's reads go to the primary, which then carries part of the read load.
 *
 * Change MEAN_REPLICATION_LAGS_MS, REDIRECT_MS or PIN_TO_PRIMARY_MS and run again.
 */
import { Simulation, Random, Database, show, table, barChart } from '../sim';
import type { Request } from '../sim';

export const USERS = 1_000;
/** Mean time between one user's actions while browsing, ms (exponential). */
export const THINK_TIME_MS = 5_000;
/** Share of actions that are saves (writes); the rest are page views (reads). */
export const WRITE_SHARE = 0.1;
/** Mean time from a save's acknowledgement to the read of the page it redirects to, ms. */
export const REDIRECT_MS = 150;
export const REPLICAS = 2;
/** Mean replication lag, ms (exponentially distributed): a few ms on a quiet LAN, seconds under load. */
export const MEAN_REPLICATION_LAGS_MS = [1, 10, 50, 150, 500, 2_000];
/** Read your writes: after a save, the user's reads go to the primary for this long, ms. */
export const PIN_TO_PRIMARY_MS = 2_000;
export const QUERY_MS = 2;
export const SIMULATED_MS = 60_000;
export const SEED = 11;

export interface LagResult {
  meanLagMs: number;
  /** Reads right after the user's own save that returned the old value. */
  staleAfterSaveShare: number;
  /** Closed form for the same: P(lag > redirect) = lag / (lag + redirect) for two exponentials. */
  theoryStaleAfterSaveShare: number;
  /** Of all reads. */
  staleShare: number;
  /** Share of reads served by the primary (0 without read-your-writes). */
  primaryReadShare: number;
}

export function simulate(meanLagMs: number, readYourWrites: boolean, pinToPrimaryMs = PIN_TO_PRIMARY_MS, seed = SEED): LagResult {
  const sim = new Simulation();
  const random = new Random(seed);
  const lagRandom = random.split();
  const queryRandom = random.split();
  const database = new Database(sim, {
    replicas: REPLICAS,
    workersPerNode: 16,
    queryTime: () => queryRandom.exponential(QUERY_MS),
    replicationLag: () => lagRandom.exponential(meanLagMs),
  });
  const lastSaveAt = new Float64Array(USERS).fill(-Infinity);
  let reads = 0, stale = 0, readsAfterSave = 0, staleAfterSave = 0, primaryReads = 0, id = 0;

  const read = (user: number, afterSave: boolean) => {
    // Read your writes: for a while after a save, this user's reads go to the primary.
    const pinned = readYourWrites && sim.now - lastSaveAt[user] < pinToPrimaryMs;
    const request: Request = { id: id++, createdAt: sim.now, key: `user-${user}`, kind: 'read', consistency: pinned ? 'primary' : 'any' };
    reads++;
    if (afterSave) readsAfterSave++;
    if (pinned) primaryReads++;
    database.handle(request, (answered) => {
      if (!answered.stale) return;
      stale++;
      if (afterSave) staleAfterSave++;
    });
  };

  const act = (user: number) => {
    if (sim.now >= SIMULATED_MS) return;
    if (random.chance(WRITE_SHARE)) {
      database.handle({ id: id++, createdAt: sim.now, key: `user-${user}`, kind: 'write' }, () => {
        lastSaveAt[user] = sim.now;
        sim.schedule(random.exponential(REDIRECT_MS), () => read(user, true));
      });
    } else {
      read(user, false);
    }
    sim.schedule(random.exponential(THINK_TIME_MS), act, user);
  };
  for (let user = 0; user < USERS; user++) sim.schedule(random.exponential(THINK_TIME_MS), act, user);
  sim.run();

  return {
    meanLagMs,
    staleAfterSaveShare: staleAfterSave / readsAfterSave,
    theoryStaleAfterSaveShare: meanLagMs / (meanLagMs + REDIRECT_MS),
    staleShare: stale / reads,
    primaryReadShare: primaryReads / reads,
  };
}

export default function main(): void {
  const plain = MEAN_REPLICATION_LAGS_MS.map((lag) => simulate(lag, false));
  const pinned = MEAN_REPLICATION_LAGS_MS.map((lag) => simulate(lag, true));
  const percent = (share: number) => share * 100;
  show(
    table(
      ['mean lag ms', 'stale after save %', 'theory %', 'stale of all reads %', 'pinned: stale after save %', 'pinned: stale of all %', 'pinned: reads on primary %'],
      plain.map((r, i) => [
        r.meanLagMs,
        percent(r.staleAfterSaveShare),
        percent(r.theoryStaleAfterSaveShare),
        percent(r.staleShare),
        percent(pinned[i].staleAfterSaveShare),
        percent(pinned[i].staleShare),
        percent(pinned[i].primaryReadShare),
      ]),
      `Reads from ${REPLICAS} replicas; page reload ${REDIRECT_MS} ms after a save on average; pinned = read your writes for ${PIN_TO_PRIMARY_MS} ms`,
    ),
    barChart(
      'Reads right after a save that miss it',
      plain.map((r) => `lag ${r.meanLagMs} ms`),
      {
        'replicas only': plain.map((r) => percent(r.staleAfterSaveShare)),
        'read your writes': pinned.map((r) => percent(r.staleAfterSaveShare)),
      },
      { label: 'stale reads', unit: '%' },
      'Reading from replicas, the share of stale reads after a save grows with the lag, to half at 150 ms; pinning the user to the primary after a save removes them.',
    ),
  );
}

const percent = (share: number, digits = 0) => `${(share * 100).toFixed(digits)}%`;

/** The figures chapter 02 shows, formatted as it shows them ({staleReads.staleAt150} in the page). */
export function facts() {
  const plain = new Map(MEAN_REPLICATION_LAGS_MS.map((lag) => [lag, simulate(lag, false)]));
  const pinned = new Map(MEAN_REPLICATION_LAGS_MS.map((lag) => [lag, simulate(lag, true)]));
  const largest = MEAN_REPLICATION_LAGS_MS[MEAN_REPLICATION_LAGS_MS.length - 1];
  const shortPin = simulate(150, true, 200);
  const worstGapPoints = 100 * Math.max(
    ...MEAN_REPLICATION_LAGS_MS.filter((lag) => lag >= 10).map((lag) => Math.abs(plain.get(lag)!.staleAfterSaveShare - plain.get(lag)!.theoryStaleAfterSaveShare)),
  );
  return {
    users: USERS.toLocaleString('en-US'),
    redirect: `${REDIRECT_MS} ms`,
    replicas: REPLICAS,
    theoryAgreement: `${Math.ceil(worstGapPoints)} percentage point${Math.ceil(worstGapPoints) === 1 ? '' : 's'}`,
    staleAt10: percent(plain.get(10)!.staleAfterSaveShare, 1),
    staleAt50: percent(plain.get(50)!.staleAfterSaveShare),
    staleAt150: percent(plain.get(150)!.staleAfterSaveShare),
    staleAt500: percent(plain.get(500)!.staleAfterSaveShare),
    staleAtLargest: percent(plain.get(largest)!.staleAfterSaveShare),
    largestLag: `${(largest / 1000).toLocaleString('en-US')} seconds`,
    staleOfAllAt150: percent(plain.get(150)!.staleShare, 1),
    pin: `${(PIN_TO_PRIMARY_MS / 1000).toLocaleString('en-US')} seconds`,
    pinRemovesStaleAfterSave: MEAN_REPLICATION_LAGS_MS.every((lag) => pinned.get(lag)!.staleAfterSaveShare === 0),
    pinnedStaleOfAllAtLargest: percent(pinned.get(largest)!.staleShare, 1),
    pinnedStaleOnlyAtLargest: MEAN_REPLICATION_LAGS_MS.every((lag) => lag === largest || pinned.get(lag)!.staleShare < 0.001),
    primaryShareAt150: percent(pinned.get(150)!.primaryReadShare),
    // Try this #3
    shortPinStaleAfterSave: percent(shortPin.staleAfterSaveShare, 1),
    shortPinPrimaryShare: percent(shortPin.primaryReadShare, 1),
  };
}
