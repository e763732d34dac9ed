import { describe, it, expect } from 'vitest';
import { captureShown } from '../sim';
import type { Table } from '../sim';
import main, {
  compare,
  simulate,
  facts,
  instancesFor,
  BASELINE_RPS,
  SPIKE_MULTIPLE,
  SERVICE_MS,
  METRICS_DELAY_SECONDS,
  LEADING_DELAY_SECONDS,
  INTERVAL_SECONDS,
  BOOT_SECONDS,
  WARM_START_SECONDS,
  DESIGNS,
  SPIKE_AT_MS,
  TIMEOUT_MS,
} from './autoscaling-lag';

describe('autoscalers meeting a spike', () => {
  const [reactive, leading, warm, scheduled] = compare();

  it('sizes the baseline pool for the target utilisation, and loses nothing before the spike', () => {
    expect(instancesFor(BASELINE_RPS)).toBe(Math.ceil((BASELINE_RPS * SERVICE_MS) / 1000 / 0.6));
    const beforeSpike = reactive.p99OverTime.filter(([second]) => second < SPIKE_AT_MS / 1000);
    for (const [, p99] of beforeSpike) expect(p99).toBeLessThan(TIMEOUT_MS * 0.75);
  });

  it('cannot add capacity sooner than its delays allow: metrics delay (+ an interval) + boot time', () => {
    // The reactive scaler sees the spike METRICS_DELAY late, decides at its next evaluation, then boots.
    expect(reactive.enoughCapacityAfterMs / 1000).toBeGreaterThanOrEqual(METRICS_DELAY_SECONDS + BOOT_SECONDS);
    expect(reactive.enoughCapacityAfterMs / 1000).toBeLessThanOrEqual(METRICS_DELAY_SECONDS + 2 * INTERVAL_SECONDS + BOOT_SECONDS);
    expect(leading.enoughCapacityAfterMs / 1000).toBeGreaterThanOrEqual(LEADING_DELAY_SECONDS + BOOT_SECONDS);
    expect(leading.enoughCapacityAfterMs / 1000).toBeLessThanOrEqual(LEADING_DELAY_SECONDS + 2 * INTERVAL_SECONDS + BOOT_SECONDS);
    // The warm pool replaces the boot with a warm start.
    expect(warm.enoughCapacityAfterMs / 1000).toBeLessThanOrEqual(LEADING_DELAY_SECONDS + 2 * INTERVAL_SECONDS + WARM_START_SECONDS);
    expect(scheduled.enoughCapacityAfterMs).toBe(0);
  });

  it('loses fewer requests the sooner capacity arrives, and none when it is there before the spike', () => {
    expect(leading.spikeFailedShare).toBeLessThan(reactive.spikeFailedShare);
    expect(warm.spikeFailedShare).toBeLessThan(leading.spikeFailedShare);
    expect(scheduled.spikeFailedShare).toBeLessThan(0.01);
    // The reactive scaler loses a large share of the spike.
    expect(reactive.spikeFailedShare).toBeGreaterThan(0.15);
  });

  it('overshoots when it reacts late: the queue it reads orders more than the spike needs', () => {
    const needed = instancesFor(BASELINE_RPS * SPIKE_MULTIPLE);
    expect(reactive.peakInstances).toBeGreaterThan(needed * 1.5);
    expect(leading.peakInstances).toBeLessThanOrEqual(needed + 5);
    expect(reactive.instanceMinutes).toBeGreaterThan(leading.instanceMinutes);
  });

  it('holds every claim the chapter makes, and the exercise', () => {
    const f = facts();
    expect(f.leadingBeatsReactive).toBe(true);
    expect(f.warmBeatsLeading).toBe(true);
    expect(f.scheduledFailsAlmostNone).toBe(true);
    expect(f.reactiveOvershoots).toBe(true);
    expect(f.fastBootStillFails).toBe(true);
    // A faster boot helps the reactive scaler by the boot time saved.
    const fast = simulate('reactive', { bootSeconds: 20 });
    expect((reactive.enoughCapacityAfterMs - fast.enoughCapacityAfterMs) / 1000).toBeCloseTo(BOOT_SECONDS - 20, -1);
  });

  it('shows a table and two charts', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart', 'chart']);
    expect((shown[0] as Table).rows.map((row) => row[0])).toEqual(DESIGNS);
  });
});
