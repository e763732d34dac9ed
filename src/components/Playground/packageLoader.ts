/**
 * The page's half of the Playground's packages (packages.ts): the first run that imports one
 * fetches its bundled module and files from this site (for PGlite, the WebAssembly, its file
 * bundle and a fresh cluster's data directory made at build time, so that no run waits for
 * initdb) and compiles the WebAssembly once. Everything is kept for the page's life and shared
 * by its Playgrounds, each run getting its own copy of the options; a failed load is tried
 * again at the next run.
 */
import { MODULE_FILE, URL_DIR, type PlaygroundPackage, type PreparedPackage } from './packages';

/** Reports what is being loaded, for the Playground's status line. */
export type Progress = (text: string) => void;

const prepared = new Map<string, Promise<PreparedPackage>>();
const listeners = new Map<string, Set<Progress>>();
const phase = new Map<string, string>();

function report(entry: PlaygroundPackage, text: string): void {
  phase.set(entry.name, text);
  for (const listener of listeners.get(entry.name) ?? []) listener(text);
}

/**
 * The package, ready for a run: loaded now or by an earlier run of any Playground on the page.
 * `progress` hears what is being done while the reader waits.
 */
export async function preparePackage(entry: PlaygroundPackage, baseUrl: string, progress: Progress): Promise<PreparedPackage> {
  let loading = prepared.get(entry.name);
  if (!loading) {
    loading = load(entry, baseUrl);
    prepared.set(entry.name, loading);
    loading.catch(() => prepared.delete(entry.name));
  }
  const heard = listeners.get(entry.name) ?? new Set<Progress>();
  listeners.set(entry.name, heard);
  heard.add(progress);
  const now = phase.get(entry.name);
  if (now) progress(now);
  try {
    return await loading;
  } finally {
    heard.delete(progress);
  }
}

async function load(entry: PlaygroundPackage, baseUrl: string): Promise<PreparedPackage> {
  const folder = `${baseUrl.replace(/\/?$/, '/')}${URL_DIR}/${entry.folder}/`;
  report(entry, `Loading ${entry.label} from this site (once per page)…`);
  try {
    return await fetchAll(entry, folder);
  } finally {
    phase.delete(entry.name);
  }
}

async function fetchAll(entry: PlaygroundPackage, folder: string): Promise<PreparedPackage> {
  const files = [...entry.assets, ...entry.generated.map(({ file, option }) => ({ file, option, kind: 'blob' as const }))];
  const [code, ...values] = await Promise.all([
    fetchOk(folder + MODULE_FILE).then((response) => response.text()),
    ...files.map(async ({ file, kind }) => {
      const response = await fetchOk(folder + file);
      // Compiled here once; each run's worker gets the compiled module, not the bytes.
      return kind === 'wasm' ? WebAssembly.compile(await response.arrayBuffer()) : response.blob();
    }),
  ]);
  const options: Record<string, unknown> = {};
  files.forEach(({ option }, index) => (options[option] = values[index]));
  return { code, options };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`.trim());
  return response;
}
