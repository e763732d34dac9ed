/*
 * Docusaurus prefetches the chunks of every internal link that scrolls into view: on a chapter,
 * the sidebar's and the table of contents' 35 links became about 250 <link rel="prefetch">
 * elements, appended in the same task that hydrates the page (about 120 ms of main-thread work
 * on a laptop, four times that on a phone), while the page's own scripts were still loading.
 * Prefetching only speeds up a later click, so it waits here until the page has loaded and the
 * main thread is idle, and then runs a few links per idle moment. Hovering or touching a link
 * still loads its page at once (Docusaurus's `preload`, untouched).
 */
interface DocusaurusGlobal {
  prefetch(routePath: string): unknown;
  preload(routePath: string): unknown;
}

/**
 * Main-thread time one idle moment spends prefetching. A route costs a few milliseconds (finding
 * its chunks, appending their links), four times that on a slow phone: a short slice keeps each
 * task well under the 50 ms that counts as blocking.
 */
const SLICE_MS = 8;
/** The longest a waiting prefetch waits for an idle moment. */
const IDLE_TIMEOUT_MS = 3000;

const now = () => performance.now();

type Idle = (work: (deadline: { timeRemaining(): number; didTimeout?: boolean }) => void) => void;

/**
 * Wraps Docusaurus's client API so that `prefetch` queues the route and runs the queue in idle
 * time after `whenLoaded`. Exported for the unit test; the site installs it below.
 */
export function deferPrefetch(api: DocusaurusGlobal, idle: Idle, whenLoaded: (start: () => void) => void): DocusaurusGlobal {
  const queue: string[] = [];
  let loaded = false;
  let scheduled = false;
  const drain: Parameters<Idle>[0] = (deadline) => {
    scheduled = false;
    const start = now();
    // After a timeout, one route; otherwise routes while the slice and the idle moment last.
    do {
      const next = queue.shift();
      if (next === undefined) return;
      api.prefetch(next);
    } while (!deadline.didTimeout && now() - start < SLICE_MS && deadline.timeRemaining() > SLICE_MS);
    schedule();
  };
  const schedule = () => {
    if (!loaded || scheduled || queue.length === 0) return;
    scheduled = true;
    idle(drain);
  };
  whenLoaded(() => {
    loaded = true;
    schedule();
  });
  return Object.freeze({
    ...api,
    prefetch(routePath: string) {
      if (!queue.includes(routePath)) queue.push(routePath);
      schedule();
      return true;
    },
  });
}

function browserIdle(work: Parameters<Idle>[0]): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(work, { timeout: IDLE_TIMEOUT_MS });
  else setTimeout(() => work({ timeRemaining: () => 8 }), 200);
}

function afterLoad(start: () => void): void {
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

// Docusaurus assigns window.docusaurus (a frozen object) after the client modules have run: wrap
// it as it is assigned.
if (typeof window !== 'undefined' && typeof document !== 'undefined' && !Object.getOwnPropertyDescriptor(window, 'docusaurus')) {
  let current: DocusaurusGlobal | undefined;
  Object.defineProperty(window, 'docusaurus', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set: (api: DocusaurusGlobal | undefined) => {
      current = api && typeof api.prefetch === 'function' ? deferPrefetch(api, browserIdle, afterLoad) : api;
    },
  });
}
