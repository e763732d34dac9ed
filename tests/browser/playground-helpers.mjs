// What the Playground's browser tests do to a Playground, as a reader would: open its editor,
// replace its code, run it and wait for the run to end.

const RUN_TIMEOUT_MS = 60_000;

/** Waits for run number `count` of a Playground to end; returns its state (done, error, stopped). */
export async function runEnded(section, count, timeout = RUN_TIMEOUT_MS) {
  const output = section.locator(`[data-output-frame][data-run="${count}"]:not([data-run-state="running"])`);
  await output.waitFor({ timeout });
  return output.getAttribute('data-run-state');
}

export async function openEditor(section) {
  await section.scrollIntoViewIfNeeded();
  await section.hover();
  await section.locator('.cm-content').waitFor({ timeout: 30_000 });
}

export async function editorText(section) {
  return section.locator('.cm-line').evaluateAll((lines) => lines.map((line) => line.textContent).join('\n'));
}

export async function replaceCode(page, section, code) {
  await section.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

export async function run(section, count) {
  await section.locator('[data-control="run"]').click();
  return runEnded(section, count);
}
