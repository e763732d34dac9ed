// axe-core for the browser tests, one way everywhere.
import AxeBuilder from '@axe-core/playwright';

const PING_WAIT_MS = 15_000;

const INJECT_LIMIT_MS = 60_000;

/** `promise`, or an error naming `what` if it has not settled in `ms`. */
function within(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)));
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * axe as AxeBuilder runs it, without the silent way it lost frames on a loaded machine.
 *
 * AxeBuilder gives the injection of axe's 564 KB of source into each frame one second and, when
 * the second runs out, goes on without a word, the frame without axe. axe in the page then asks
 * each frame whether it is there and, with no answer in `pingWaitTime` (500 ms unless told),
 * leaves it out, again without a word. On a loaded CI machine the planted frame of
 * tests/browser/axe.test.mjs went missing so, its violations with it.
 *
 * PatientAxeBuilder injects with a limit of a minute, after which the test fails naming the
 * frame; a frame whose document went away meanwhile is tried once more, and skipped only if it
 * has left the page. The ping wait is 15 s. Still left out after that wait, as by axe itself: a
 * frame added after injection began, or one that navigated after it. No page of the site has a
 * frame; the self-test waits until its frame is known before it runs axe.
 */
class PatientAxeBuilder extends AxeBuilder {
  // Overrides @axe-core/playwright 4.11's inject(frames, shouldThrow), which runLegacy (the mode
  // used here) and runPartialRecursive call.
  async inject(frames) {
    for (const frame of frames) {
      const where = `the frame at ${frame.url().slice(0, 200)}`;
      for (let attempt = 1; ; attempt++) {
        try {
          await within(frame.evaluate(this.script()), INJECT_LIMIT_MS, `injecting axe into ${where}`);
          await within(frame.evaluate(await this.axeConfigure()), INJECT_LIMIT_MS, `configuring axe in ${where}`);
          break;
        } catch (error) {
          if (frame.isDetached()) break;
          if (attempt === 1 && /context was destroyed|detached/i.test(String(error?.message))) {
            await new Promise((resolve) => setTimeout(resolve, 250));
            continue;
          }
          throw new Error(`axe could not be injected into ${where}: ${error?.message ?? error}`);
        }
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
