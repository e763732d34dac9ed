import { describe, expect, it, vi } from 'vitest';
import { deferPrefetch } from './idlePrefetch';

function setup() {
  const prefetch = vi.fn();
  const preload = vi.fn();
  const idleQueue: ((deadline: { timeRemaining(): number; didTimeout?: boolean }) => void)[] = [];
  let load: () => void = () => undefined;
  const api = deferPrefetch({ prefetch, preload }, (work) => idleQueue.push(work), (start) => (load = start));
  const runIdle = (remaining: number[], didTimeout = false) => {
    const work = idleQueue.shift();
    if (!work) throw new Error('no idle callback was asked for');
    work({ timeRemaining: () => remaining.shift() ?? 0, didTimeout });
  };
  return { api, prefetch, preload, idleQueue, runIdle, load: () => load() };
}

describe('deferPrefetch', () => {
  it('prefetches nothing before the page has loaded, then each route once, in idle time', () => {
    const { api, prefetch, idleQueue, runIdle, load } = setup();
    api.prefetch('/docs/a/');
    api.prefetch('/docs/b/');
    api.prefetch('/docs/a/');
    expect(prefetch).not.toHaveBeenCalled();
    expect(idleQueue).toHaveLength(0);
    load();
    expect(prefetch).not.toHaveBeenCalled();
    runIdle([20, 20, 20]);
    expect(prefetch.mock.calls).toEqual([['/docs/a/'], ['/docs/b/']]);
    expect(idleQueue).toHaveLength(0);
  });

  it('stops when the idle moment runs out and goes on in the next one', () => {
    const { api, prefetch, idleQueue, runIdle, load } = setup();
    load();
    for (const path of ['/1/', '/2/', '/3/']) api.prefetch(path);
    runIdle([1]);
    expect(prefetch.mock.calls).toEqual([['/1/']]);
    runIdle([], true);
    expect(prefetch.mock.calls).toEqual([['/1/'], ['/2/']]);
    runIdle([50, 50]);
    expect(prefetch.mock.calls).toEqual([['/1/'], ['/2/'], ['/3/']]);
    expect(idleQueue).toHaveLength(0);
  });

  it('leaves preload (hover, touch) immediate', () => {
    const { api, preload } = setup();
    api.preload('/docs/a/');
    expect(preload).toHaveBeenCalledWith('/docs/a/');
  });
});
