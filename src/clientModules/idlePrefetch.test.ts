import { describe, expect, it, vi } from 'vitest';
import { deferPrefetch, prefetchFilesOnce, type PrefetchDocument } from './idlePrefetch';

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

describe('prefetchFilesOnce', () => {
  const link = (href: string) => ({ rel: 'prefetch', href });
  function fakeDocument(fetched: string[] = []) {
    const appended: unknown[] = [];
    const head: { appendChild(node: unknown): unknown } = { appendChild: vi.fn((node: unknown) => (appended.push(node), node)) };
    return { doc: { head, fetched: () => fetched } as unknown as PrefetchDocument, head, appended };
  }

  it('appends a prefetch link for each file once, across routes that share files', () => {
    const { doc, head, appended } = fakeDocument();
    const once = prefetchFilesOnce(doc);
    once(() => ['/a.js', '/shared.js'].forEach((href) => head.appendChild(link(href))));
    once(() => ['/b.js', '/shared.js', '/a.js'].forEach((href) => head.appendChild(link(href))));
    expect(appended.map((node) => (node as { href: string }).href)).toEqual(['/a.js', '/shared.js', '/b.js']);
  });

  it('skips files the page has fetched already', () => {
    const { doc, head, appended } = fakeDocument(['/main.js']);
    prefetchFilesOnce(doc)(() => ['/main.js', '/next.js'].forEach((href) => head.appendChild(link(href))));
    expect(appended.map((node) => (node as { href: string }).href)).toEqual(['/next.js']);
  });

  it('leaves other elements, and every append outside the prefetch, untouched', () => {
    const { doc, head, appended } = fakeDocument();
    const original = head.appendChild;
    const once = prefetchFilesOnce(doc);
    const script = { src: '/chunk.js' };
    const stylesheet = { rel: 'stylesheet', href: '/a.css' };
    once(() => {
      head.appendChild(link('/a.js'));
      head.appendChild(script);
      head.appendChild(stylesheet);
      head.appendChild(stylesheet);
    });
    expect(head.appendChild).toBe(original);
    head.appendChild(link('/a.js'));
    expect(appended).toEqual([link('/a.js'), script, stylesheet, stylesheet, link('/a.js')]);
  });

  it('puts the head back even when the prefetch throws', () => {
    const { doc, head } = fakeDocument();
    const original = head.appendChild;
    expect(() => prefetchFilesOnce(doc)(() => {
      throw new Error('boom');
    })).toThrow('boom');
    expect(head.appendChild).toBe(original);
  });

  it('wraps each idle moment once, however many routes it prefetches', () => {
    const prefetch = vi.fn();
    const calls: string[] = [];
    let load = () => undefined as void;
    const idle: ((deadline: { timeRemaining(): number }) => void)[] = [];
    const api = deferPrefetch({ prefetch, preload: vi.fn() }, (work) => idle.push(work), (start) => (load = start), (work) => {
      calls.push('around');
      work();
    });
    api.prefetch('/docs/a/');
    api.prefetch('/docs/b/');
    load();
    idle.shift()?.({ timeRemaining: () => 20 });
    expect(calls).toEqual(['around']);
    expect(prefetch.mock.calls).toEqual([['/docs/a/'], ['/docs/b/']]);
  });
});
