import React, { useEffect, useLayoutEffect, useRef, useState } from 'react';
import styles from './styles.module.css';

const MAX_ZOOM = 4;
const ZOOM_STEP = 1.25;

interface Props {
  /** The diagram's SVG markup, its ids already made unique for this copy. */
  svg: string;
  title: string;
  /** Natural size of the drawing and the smallest scale at which its text stays readable. */
  width: number;
  height: number;
  minScale: number;
  onClose: () => void;
}

/**
 * The diagram alone on the screen: as large as fits (never under the scale that keeps its text
 * readable; then it scrolls both ways), with zoom buttons. A modal <dialog>: Escape closes it,
 * the page behind is inert, and focus goes back to the button that opened it.
 */
export default function DiagramDialog({ svg, title, width, height, minScale, onClose }: Props): React.ReactElement {
  const dialog = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const [zoom, setZoom] = useState<number | null>(null);

  useLayoutEffect(() => {
    const element = dialog.current;
    if (!element) return;
    element.showModal();
    const box = body.current!;
    const fit = Math.min(box.clientWidth / width, box.clientHeight / height);
    setZoom(Math.max(minScale, Math.min(fit, 2)));
  }, [width, height, minScale]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return undefined;
    // Escape fires `cancel`, then `close`; the Close button calls close() itself.
    element.addEventListener('close', onClose);
    return () => element.removeEventListener('close', onClose);
  }, [onClose]);

  const scale = zoom ?? minScale;
  const change = (factor: number) => setZoom(Math.min(MAX_ZOOM, Math.max(minScale, scale * factor)));
  const titleId = useRef(`diagram-dialog-${Math.random().toString(36).slice(2)}`).current;

  return (
    <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId}>
      <div className={styles.dialogBar}>
        <p id={titleId} className={styles.dialogTitle}>
          {title}
        </p>
        <button type="button" className={styles.button} onClick={() => change(1 / ZOOM_STEP)} disabled={scale <= minScale + 1e-6}>
          Zoom out
        </button>
        <button type="button" className={styles.button} onClick={() => change(ZOOM_STEP)} disabled={scale >= MAX_ZOOM - 1e-6}>
          Zoom in
        </button>
        <button type="button" className={styles.button} onClick={() => dialog.current?.close()} autoFocus>
          Close
        </button>
      </div>
      <div ref={body} className={styles.dialogBody} tabIndex={0} role="group" aria-label={`${title}, scrolls`}>
        <div
          className={`docusaurus-mermaid-container ${styles.dialogDrawing}`}
          style={{ width: width * scale, height: height * scale }}
          dangerouslySetInnerHTML={{ __html: svg }}
        />
      </div>
    </dialog>
  );
}
