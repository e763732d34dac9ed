import type { MermaidConfig, RenderResult } from 'mermaid';

/**
 * Mermaid's settings that keep diagrams compact and readable: the same 16 px text in every
 * diagram type, tighter flowchart spacing (the default 50 px gaps made simple flows a screen
 * tall), and drawings that shrink to the column (the page scrolls them past the point where
 * their text would fall under 12 px: see sizing.ts).
 */
export const DIAGRAM_CONFIG: MermaidConfig = {
  fontSize: 16,
  // Mermaid draws some outlines (a subgraph's box, some state shapes) through rough.js even in its
  // classic look, with random points along each straight side unless given a seed: the same
  // diagram was drawn differently each time, and its light and dark drawings could not be one.
  handDrawnSeed: 1,
  // The title margin keeps an arrow that enters a group from touching the group's title.
  flowchart: { useMaxWidth: true, nodeSpacing: 24, rankSpacing: 40, padding: 10, wrappingWidth: 180, subGraphTitleMargin: { top: 8, bottom: 4 } },
  sequence: { useMaxWidth: true, actorFontSize: 16, noteFontSize: 16, messageFontSize: 16, actorMargin: 24, wrap: true, width: 100 },
  state: { useMaxWidth: true },
  timeline: { useMaxWidth: true },
  quadrantChart: { useMaxWidth: true, pointLabelFontSize: 14, quadrantLabelFontSize: 16, xAxisLabelFontSize: 16, yAxisLabelFontSize: 16, titleFontSize: 18 },
  gantt: { useMaxWidth: true, fontSize: 14, sectionFontSize: 14 },
  pie: { useMaxWidth: true },
  class: { useMaxWidth: true },
};

/**
 * Mermaid's dark theme colours timeline sections (and other section-coloured diagrams) from
 * a scale whose first steps are near black: columns vanished into the page. These are mid
 * tones that stand apart from the dark page (3:1 and more) and carry white text (4.5:1 and more).
 */
const DARK_SECTION_COLOURS = ['#2a747c', '#6f5499', '#975071', '#3d7a4c', '#85662a', '#4c63a3', '#8a4f4f', '#317085', '#6b6f2f', '#7d4f8f', '#3f7470', '#8a5a3a'];
const DARK_THEME_VARIABLES = {
  ...Object.fromEntries(
    DARK_SECTION_COLOURS.flatMap((colour, i) => [
      [`cScale${i}`, colour],
      [`cScaleLabel${i}`, '#ffffff'],
    ]),
  ),
  // The dark theme's note text (#b8b6b6 on #474949) is 4.49:1, just under AA.
  noteTextColor: '#f2f2f2',
};

/**
 * What Mermaid is initialised with for one drawing: the site's Mermaid config for the colour mode
 * (theme name and options), the settings above, and the dark theme's corrections. The build's
 * drawings (src/diagrams/prerender.ts) and the reader's browser use this one function, so that
 * both draw a diagram alike.
 */
export function mermaidSettings(config: MermaidConfig, columnWidth: number): MermaidConfig {
  return {
    ...config,
    ...DIAGRAM_CONFIG,
    // A Gantt chart is drawn as wide as its container at render time (Mermaid's off-screen
    // one, the whole window): make it the column's width instead.
    gantt: { ...DIAGRAM_CONFIG.gantt, useWidth: Math.max(320, Math.round(columnWidth)) },
    themeVariables: { ...config.themeVariables, ...(config.theme === 'dark' ? DARK_THEME_VARIABLES : {}), fontSize: '16px' },
  };
}

let renders = 0;
let announcedLazyLoad = false;
/** Mermaid is one mutable singleton: one render at a time, with the page given a turn between. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Renders a diagram under a fresh id. The theme's own component renders under one id for the
 * component's life: when the colour mode switches after hydration, mermaid removes the element
 * that has that id (the SVG already on the page) and, if the new SVG text equals the old one,
 * React sees no change and the container stays empty.
 */
export function renderDiagram(text: string, config: MermaidConfig, columnWidth: number): Promise<RenderResult & { id: string; theme?: string }> {
  const job = queue.then(async () => {
    // Lets page-weight measurements tell the renderer's lazy chunks from first-view JavaScript.
    if (!announcedLazyLoad) {
      performance.mark('lazy:mermaid');
      announcedLazyLoad = true;
    }
    const mermaid = (await import('mermaid')).default;
    const id = `mermaid-diagram-${++renders}`;
    // render() resets its configuration to what initialize() last set, so the colour mode is
    // set right before each render.
    mermaid.initialize(mermaidSettings(config, columnWidth));
    try {
      return { ...(await mermaid.render(id, text)), id, theme: config.theme };
    } catch (error) {
      // On a syntax error mermaid leaves its error graphic in <body>; the error boundary shows
      // the message where the diagram would be instead.
      document.querySelector(`#d${id}`)?.remove();
      throw error;
    }
  });
  // The next diagram waits for this one and for a task boundary, so that several diagrams
  // arriving together do not make one long task.
  queue = job.catch(() => undefined).then(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return job;
}
