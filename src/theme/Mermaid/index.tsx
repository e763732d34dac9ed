import React, { useEffect, useRef, useState } from 'react';
import ErrorBoundary from '@docusaurus/ErrorBoundary';
import { ErrorBoundaryErrorMessageFallback } from '@docusaurus/theme-common';
import { MermaidContainerClassName, useMermaidConfig } from '@docusaurus/theme-mermaid/client';
import type { MermaidConfig, RenderResult } from 'mermaid';

/*
 * Replaces the theme's Mermaid component to fix a rendering bug seen with
 * @docusaurus/theme-mermaid 3.10 and mermaid 11: the theme renders a diagram under
 * one id for the whole life of the component. When the colour mode switches after
 * hydration (a reader whose system is dark), the diagram is rendered a second time
 * with that id, and mermaid first removes the element that has it — the SVG already
 * on the page. If the new SVG text equals the old one, React sees no change and the
 * container stays empty. Rendering every time under a fresh id avoids the collision.
 */
let renders = 0;
let announcedLazyLoad = false;

async function renderDiagram(text: string, config: MermaidConfig): Promise<RenderResult> {
  // Lets page-weight measurements tell the renderer's lazy chunks from first-view JavaScript.
  if (!announcedLazyLoad) {
    performance.mark('lazy:mermaid');
    announcedLazyLoad = true;
  }
  const mermaid = (await import('mermaid')).default;
  const id = `mermaid-diagram-${++renders}`;
  // Mermaid keeps its configuration in a singleton that render() resets to what
  // initialize() last set, so the colour mode must be set right before each render.
  mermaid.initialize(config);
  try {
    return await mermaid.render(id, text);
  } catch (error) {
    // On a syntax error mermaid leaves its error graphic in <body>; the error
    // boundary below shows the message where the diagram would be instead.
    document.querySelector(`#d${id}`)?.remove();
    throw error;
  }
}

function MermaidRenderer({ value }: { value: string }): React.ReactElement | null {
  const config = useMermaidConfig();
  const [result, setResult] = useState<RenderResult | null>(null);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    renderDiagram(value, config).then(
      (rendered) => current && setResult(rendered),
      (error: unknown) =>
        current &&
        setResult(() => {
          // Throwing inside a state update hands the error to the error boundary.
          throw error;
        }),
    );
    return () => {
      current = false;
    };
  }, [value, config]);

  useEffect(() => {
    if (result && ref.current) result.bindFunctions?.(ref.current);
  }, [result]);

  if (!result) return null;
  return <div ref={ref} className={MermaidContainerClassName} dangerouslySetInnerHTML={{ __html: result.svg }} />;
}

export default function Mermaid(props: { value: string }): React.ReactElement {
  return (
    <ErrorBoundary fallback={(params) => <ErrorBoundaryErrorMessageFallback {...params} />}>
      <MermaidRenderer {...props} />
    </ErrorBoundary>
  );
}
