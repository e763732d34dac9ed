/**
 * The simulation kit's source files (examples/sim/*.ts, tests excluded), fetched as one lazy
 * chunk the first time a Playground needs them: the bundler lists the folder at build time,
 * `?raw` makes each entry the file's text.
 */
interface KitContext {
  keys(): string[];
  (key: string): Promise<string | { default: string }>;
}

declare global {
  interface ImportMeta {
    webpackContext(
      request: string,
      options: { recursive: boolean; regExp: RegExp; mode: 'lazy-once' },
    ): KitContext;
  }
}

/** Where the kit's files sit in the Playground's file map, e.g. /sim/engine.ts. */
export const KIT_DIR = '/sim/';

let loading: Promise<Record<string, string>> | undefined;

export function loadKitFiles(): Promise<Record<string, string>> {
  loading ??= (async () => {
    const context = import.meta.webpackContext('../../../examples/sim?raw', {
      recursive: false,
      regExp: /^\.\/(?!.*\.test\.ts$)[\w-]+\.ts$/,
      mode: 'lazy-once',
    });
    const entries = await Promise.all(
      context.keys().map(async (key) => {
        // An `asset/source` module's export is the text itself; wrapped or not depends on the bundler.
        const module = await context(key);
        const text = typeof module === 'string' ? module : module.default;
        if (typeof text !== 'string') throw new Error(`The simulation kit's ${key} did not load as text`);
        return [`${KIT_DIR}${key.slice(2)}`, text] as const;
      }),
    );
    return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
  })();
  return loading;
}
