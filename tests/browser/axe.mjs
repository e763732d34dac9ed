// axe-core for the browser tests, one way everywhere.
import AxeBuilder from '@axe-core/playwright';

const PING_WAIT_MS = 15_000;

/**
 * axe as AxeBuilder runs it, but never without a word leaving a frame out.
 *
 * Two silent ways to lose a frame, both met on a loaded CI machine (the planted frame of
 * tests/browser/axe.test.mjs went missing, its violations with it):
 * - AxeBuilder gives the injection of axe's 550 KB of source into each frame one second and, when the
 *   second runs out, leaves the frame without axe and says nothing. PatientAxeBuilder injects
 *   with no such limit and fails the test if a frame that is still there cannot take axe.
 * - axe then asks each frame whether it is there and, with no answer in `pingWaitTime` (500 ms
 *   unless told), leaves it out. Every frame has axe by then, so a longer wait costs nothing
 *   when all is well.
 */
class PatientAxeBuilder extends AxeBuilder {
  // Overrides @axe-core/playwright 4.11's inject(frames, shouldThrow), which runLegacy calls.
  async inject(frames) {
    for (const frame of frames) {
      try {
        await frame.evaluate(this.script());
        await frame.evaluate(await this.axeConfigure());
      } catch (error) {
        if (frame.isDetached()) continue;
        throw new Error(`axe could not be injected into the frame at ${frame.url().slice(0, 200)}: ${error?.message ?? error}`);
      }
    }
  }
}

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
 */
export function axeBuilder(page) {
  return new PatientAxeBuilder({ page }).setLegacyMode().options({ resultTypes: ['violations'], pingWaitTime: PING_WAIT_MS });
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
