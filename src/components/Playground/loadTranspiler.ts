/**
 * Sucrase, fetched once, the first time something needs it: a Run, the pointer resting on
 * Run, or Run pressed before the editor has loaded. Kept apart from the runner so that the
 * page's own chunk can start the fetch without carrying the runner.
 */
import type { SucraseTransform } from './transpile';

let sucrase: Promise<SucraseTransform> | undefined;

export function loadTranspiler(): Promise<SucraseTransform> {
  sucrase ??= import(/* webpackChunkName: "playground-sucrase" */ 'sucrase').then((module) => module.transform as SucraseTransform);
  return sucrase;
}
