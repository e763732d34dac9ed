/*
 * Docusaurus prefetches the chunks of every internal link that scrolls into view: on a chapter,
 * the sidebar's and the table of contents' 35 links became about 250 <link rel="prefetch">
 * elements, appended in the same task that hydrates the page (about 120 ms of main-thread work
 * on a laptop, four times that on a phone), while the page's own scripts were still loading.
 * Prefetching only speeds up a later click, so it waits here until the page has loaded and the
 * main thread is idle, and then runs a few links per idle moment. Hovering or touching a link
 * still loads its page at once (Docusaurus's `preload`, untouched).
 *
 * Docusaurus remembers the routes it prefetched, not the files: the routes of a chapter share
 * most of their chunks, so its 35 links appended 257 <link rel="prefetch"> elements for 24
 * distinct files, several of which the page had loaded already. Each append costs about a
 * millisecond of main-thread time on a laptop (four on a phone). Here a file is asked for once
 * per page, and not at all when the page has fetched it already (its own route's chunks).
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

/** The part of a page that fetching a file once needs (the unit test gives a fake). */
export interface PrefetchDocument {
  head: Pick<HTMLHeadElement, 'appendChild'>;
  /** URLs the page has fetched already (its resource timing entries). */
  fetched(): Iterable<string>;
}

/**
 * Returns a runner that calls `work` (an idle moment's prefetches) while the document's head
 * drops a <link rel="prefetch"> for a file already asked for, or one the page has fetched
 * already. Only during `work`: every other append, and every append outside it, goes through
 * untouched. The page's fetched files are read once a call, not once a route.
 */
export function prefetchFilesOnce(doc: PrefetchDocument): (work: () => void) => void {
  const asked = new Set<string>();
  const isLink = (node: unknown): node is HTMLLinkElement =>
    typeof node === 'object' && node !== null && (node as { rel?: unknown }).rel === 'prefetch' && typeof (node as { href?: unknown }).href === 'string';
  return (work) => {
    for (const url of doc.fetched()) asked.add(url);
    const head = doc.head;
    const own = Object.getOwnPropertyDescriptor(head, 'appendChild');
    const append = head.appendChild;
    head.appendChild = function appendOnce<T extends Node>(this: unknown, node: T): T {
      if (isLink(node)) {
        if (asked.has(node.href)) return node;
        asked.add(node.href);
      }
      return append.call(head, node) as T;
    };
    try {
      work();
    } finally {
      if (own) Object.defineProperty(head, 'appendChild', own);
      else delete (head as { appendChild?: unknown }).appendChild;
    }
  };
}

type Idle = (work: (deadline: { timeRemaining(): number; didTimeout?: boolean }) => void) => void;

/**
 * Wraps Docusaurus's client API so that `prefetch` queues the route and runs the queue in idle
 * time after `whenLoaded`. Exported for the unit test; the site installs it below.
 */
export function deferPrefetch(
  api: DocusaurusGlobal,
  idle: Idle,
  whenLoaded: (start: () => void) => void,
  filesOnce: (work: () => void) => void = (work) => work(),
): DocusaurusGlobal {
  const queue: string[] = [];
  let loaded = false;
  let scheduled = false;
  const drain: Parameters<Idle>[0] = (deadline) => {
    scheduled = false;
    const start = now();
    // After a timeout, one route; otherwise routes while the slice and the idle moment last.
    filesOnce(() => {
      do {
        const next = queue.shift();
        if (next === undefined) return;
        api.prefetch(next);
      } while (!deadline.didTimeout && now() - start < SLICE_MS && deadline.timeRemaining() > SLICE_MS);
    });
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

function pageDocument(): PrefetchDocument {
  return {
    head: document.head,
    fetched: () => (typeof performance.getEntriesByType === 'function' ? performance.getEntriesByType('resource').map((entry) => entry.name) : []),
  };
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
      current = api && typeof api.prefetch === 'function' ? deferPrefetch(api, browserIdle, afterLoad, prefetchFilesOnce(pageDocument())) : api;
    },
  });
}
