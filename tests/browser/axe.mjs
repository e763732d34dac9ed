// axe-core for the browser tests, one way everywhere.
import AxeBuilder from '@axe-core/playwright';

/**
 * An AxeBuilder for `page` that reports violations only and runs axe in the page itself.
 *
 * AxeBuilder's default runs axe.runPartial in every frame and then, in a blank page of its own,
 * axe.finishRun over every node's results, passes included. That path exists for cross-origin
 * frames, which the site has none of (watchPage fails a test on any request to another host);
 * legacy mode runs axe.run, which still covers same-origin frames. Measured on the simulation
 * kit's reference page: 13.3 s → 4.7 s, the same violations. `resultTypes: ['violations']` keeps
 * every violation and every node of it; passes and the like are cut to one node each, which no
 * test reads.
 *
 * axe asks each frame whether it is there and, with no answer in `pingWaitTime` (500 ms unless
 * told), leaves that frame out without a word: on a loaded CI machine the planted frame's
 * violations went missing so (tests/browser/axe.test.mjs, twice in two days). Every frame here
 * has axe injected and answers, so waiting longer costs nothing when all is well.
 */
const PING_WAIT_MS = 15_000;

export function axeBuilder(page) {
  return new AxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'], pingWaitTime: PING_WAIT_MS });
}

/**
 * The serious and critical violations of an axe result, a line each: the rule, its impact, what
 * it asks for, and the first three elements it names.
 */
export function seriousViolations(results) {
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
