/**
 * A kit `replay(...)` value, played: each trace's components drawn as boxes on a canvas, the
 * requests as dots moving along the links, queues as stacks, busy workers lit, outcomes by
 * shape and colour. Several traces share one clock, so they stay in step. Its own lazy chunk:
 * fetched only when an example shows a replay.
 *
 * Each frame draws on canvases only (no DOM change, so no layout); the time, the scrubber and
 * the counters in the page are updated ten times a second. The summary tables below the
 * canvases say in words what each component did, for screen readers and for everyone.
 */
import React, { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { ReplayModel, FIELDS, F_ARRIVED, F_BUSY, F_DOWN, F_DROPPED, F_FAILED, F_QUEUED, F_RETRIED, F_SERVED, F_TIMED_OUT } from '../../../examples/sim/replay';
import { DROP, FAIL, FINISH, TIMEOUT } from '../../../examples/sim/trace';
import type { Replay, ReplayTrace } from './replayValues';
import OutputTable from './OutputTable';
import { layoutBoxes, type Box } from './replayLayout';
import styles from './Replay.module.css';

/** Speeds offered, in virtual ms per second of watching: from slow motion to fast. */
export const SPEEDS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 25_000];
/** A dot takes this long (real time) to travel its path. */
const TRAVEL_SECONDS = 0.4;
/** The page's text (time, counters, scrubber) is updated at most this often while playing. */
const TEXT_EVERY_MS = 100;
const MAX_LIGHTS = 64;

const n = (x: number) => Math.round(x).toLocaleString('en-US');

/** The speed that plays `windowMs` in about 15 seconds. */
export function defaultSpeed(windowMs: number): number {
  const wanted = windowMs / 15;
  return SPEEDS.reduce((best, speed) => (Math.abs(Math.log(speed / wanted)) < Math.abs(Math.log(best / wanted)) ? speed : best));
}

function speedLabel(speed: number): string {
  return speed >= 1_000 ? `${speed / 1_000} s per second` : `${speed} ms per second`;
}

interface Clock {
  time: number;
  speed: number;
  lastText: number;
  /** Since the last text update: frames drawn, the ms they took, and the most dots one of them drew. */
  frames: number;
  drawMs: number;
  dots: number;
}

export default function ReplayPlayer({ replay }: { replay: Replay }): ReactNode {
  const id = useId();
  const models = useMemo(() => replay.traces.map((trace) => new ReplayModel(trace)), [replay]);
  const fromMs = Math.min(...replay.traces.map((t) => t.fromMs));
  const untilMs = Math.max(...replay.traces.map((t) => t.untilMs));
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(() => defaultSpeed(untilMs - fromMs));
  const clock = useRef<Clock>({ time: fromMs, speed, lastText: 0, frames: 0, drawMs: 0, dots: 0 });
  const figure = useRef<HTMLElement>(null);
  const players = useRef<(TracePlayer | null)[]>([]);
  const scrubber = useRef<HTMLInputElement>(null);
  const timeText = useRef<HTMLSpanElement>(null);
  const counters = useRef<(HTMLSpanElement | null)[]>([]);
  clock.current.speed = speed;

  /** Draw every trace at the clock's time; the page's text too when `text` (or every TEXT_EVERY_MS). */
  const draw = useCallback(
    (text: boolean) => {
      const c = clock.current;
      const travel = Math.min(TRAVEL_SECONDS * c.speed, (untilMs - fromMs) / 4);
      const start = performance.now();
      let dots = 0;
      players.current.forEach((player) => (dots += player?.draw(c.time, travel) ?? 0));
      const now = performance.now();
      c.frames++;
      c.drawMs += now - start;
      c.dots = Math.max(c.dots, dots);
      if (!text && now - c.lastText < TEXT_EVERY_MS) return;
      c.lastText = now;
      // For the bench: how heavy the last frames were (read ten times a second, like the text).
      figure.current?.setAttribute('data-draw-ms', (c.drawMs / c.frames).toFixed(2));
      figure.current?.setAttribute('data-dots', String(c.dots));
      c.frames = 0;
      c.drawMs = 0;
      c.dots = 0;
      const time = c.time;
      if (scrubber.current) {
        scrubber.current.value = String(time);
        scrubber.current.setAttribute('aria-valuetext', `${n(time)} ms`);
      }
      if (timeText.current) timeText.current.textContent = `${n(time)} ms of ${n(untilMs)}`;
      players.current.forEach((player, i) => {
        const element = counters.current[i];
        if (player && element) element.textContent = player.totals();
      });
    },
    [fromMs, untilMs],
  );

  // Play: advance the clock each frame; stop at the end.
  useEffect(() => {
    if (!playing) return undefined;
    let frame = 0;
    let last = performance.now();
    const tick = (now: number) => {
      const elapsed = Math.min(100, Math.max(0, now - last)); // a hidden tab does not jump ahead
      last = now;
      clock.current.time = Math.min(untilMs, clock.current.time + (elapsed * clock.current.speed) / 1000);
      const ended = clock.current.time >= untilMs;
      draw(ended);
      if (ended) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, untilMs, draw]);

  // Start playing on arrival, unless the reader asked for less motion: then it waits for Play or a step.
  useEffect(() => {
    const reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    draw(true);
    if (!reduced) setPlaying(true);
  }, [draw]);

  const seek = (time: number) => {
    clock.current.time = Math.max(fromMs, Math.min(untilMs, time));
    draw(true);
  };
  const step = (direction: 1 | -1) => {
    setPlaying(false);
    const time = clock.current.time;
    const candidates = models
      .map((model) => (direction > 0 ? model.nextEventAfter(time) : model.previousEventBefore(time)))
      .filter((t): t is number => t !== undefined);
    if (candidates.length > 0) seek(direction > 0 ? Math.min(...candidates) : Math.max(...candidates));
  };
  const togglePlay = () => {
    if (!playing && clock.current.time >= untilMs) seek(fromMs); // play again from the start
    setPlaying(!playing);
  };

  const side = replay.traces.length > 1;
  return (
    <figure ref={figure} className={styles.replay} data-output="replay" data-playing={playing ? 'true' : 'false'} aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className={styles.title}>
        {replay.title}
      </figcaption>
      <div className={styles.controls} role="group" aria-label="Replay controls">
        <button type="button" className={styles.button} onClick={togglePlay} data-control="play" aria-pressed={playing}>
          <Icon d={playing ? 'M3 2h3v10H3zM8 2h3v10H8z' : 'M3 1.5v11l9-5.5z'} /> {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className={styles.button} onClick={() => step(-1)} data-control="previous-event">
          <Icon d="M2 2h2v10H2zM12 1.5v11L5 7z" /> Previous event
        </button>
        <button type="button" className={styles.button} onClick={() => step(1)} data-control="next-event">
          Next event <Icon d="M10 2h2v10h-2zM2 1.5v11L9 7z" />
        </button>
        <label className={styles.speed}>
          Speed{' '}
          <select value={speed} onChange={(event) => setSpeed(Number(event.target.value))} data-control="speed">
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className={styles.timeline}>
        <label htmlFor={`${id}-time`} className={styles.timeLabel}>
          Time
        </label>
        <input
          id={`${id}-time`}
          ref={scrubber}
          type="range"
          className={styles.scrubber}
          min={fromMs}
          max={untilMs}
          step="any"
          defaultValue={fromMs}
          onInput={(event) => seek(Number((event.target as HTMLInputElement).value))}
          data-control="scrubber"
        />
        <span ref={timeText} className={styles.time} data-replay-time>
          {n(fromMs)} ms of {n(untilMs)}
        </span>
      </div>
      <Legend />
      <div className={side ? styles.sideBySide : undefined}>
        {replay.traces.map((trace, i) => (
          <section key={i} className={styles.trace} aria-label={trace.label}>
            {side && <h4 className={styles.traceLabel}>{trace.label}</h4>}
            <TraceCanvas
              trace={trace}
              model={models[i]}
              onReady={(player) => {
                players.current[i] = player;
                if (player) player.draw(clock.current.time, Math.min(TRAVEL_SECONDS * clock.current.speed, (untilMs - fromMs) / 4));
              }}
            />
            <p className={styles.counters}>
              <span ref={(element) => void (counters.current[i] = element)} data-replay-counters>
                {new TracePlayerText(trace, models[i]).totals(clock.current.time)}
              </span>
            </p>
            {trace.note && <p className={styles.note}>{trace.note}</p>}
          </section>
        ))}
      </div>
      {replay.traces.map(
        (trace, i) =>
          trace.summary.columns.length > 0 && (
            // Wide tables scroll sideways on a phone; a box that scrolls is a stop for the keyboard.
            <div key={i} className={styles.summary} tabIndex={0} role="region" aria-label={`What each component did: ${trace.label}`}>
              <OutputTable table={trace.summary} />
            </div>
          ),
      )}
    </figure>
  );
}

/** A small filled icon (the symbols' glyphs are missing from many fonts). */
function Icon({ d }: { d: string }): ReactNode {
  return (
    <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden="true" focusable="false" className={styles.icon}>
      <path d={d} />
    </svg>
  );
}

function Legend(): ReactNode {
  const items: [string, ReactNode][] = [
    ['on its way in', <circle cx="6" cy="6" r="3.5" className={styles.dotIn} />],
    ['served', <circle cx="6" cy="6" r="4" className={styles.dotOk} />],
    ['failed', <path d="M2.5 2.5 L9.5 9.5 M9.5 2.5 L2.5 9.5" className={styles.dotFail} />],
    ['dropped', <rect x="2.5" y="2.5" width="7" height="7" className={styles.dotDrop} />],
    ['timed out', <path d="M6 1.5 L10.5 10 L1.5 10 Z" className={styles.dotTimeout} />],
    ['busy worker', <rect x="1" y="1" width="10" height="10" className={styles.busy} />],
    ['waiting in queue', <rect x="3" y="1" width="5" height="10" className={styles.queued} />],
  ];
  return (
    <ul className={styles.legend} aria-label="Legend">
      {items.map(([label, shape]) => (
        <li key={label}>
          <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
            {shape}
          </svg>
          {label}
        </li>
      ))}
    </ul>
  );
}

/** Totals of the trace's clients at a time, in words: the counters under each canvas. */
class TracePlayerText {
  constructor(
    protected readonly trace: ReplayTrace,
    protected readonly model: ReplayModel,
  ) {}

  totals(time: number = this.trace.fromMs, state: Int32Array = this.model.stateAt(time)): string {
    let sent = 0, served = 0, failed = 0, dropped = 0, timedOut = 0;
    this.trace.components.forEach((component, c) => {
      if (component.kind !== 'client') return;
      const at = c * FIELDS;
      sent += state[at + F_ARRIVED];
      served += state[at + F_SERVED];
      failed += state[at + F_FAILED];
      dropped += state[at + F_DROPPED];
      timedOut += state[at + F_TIMED_OUT];
    });
    return `sent ${n(sent)} · served ${n(served)} · failed ${n(failed)} · dropped ${n(dropped)} · timed out ${n(timedOut)}`;
  }
}

interface Palette {
  text: string;
  muted: string;
  box: string;
  border: string;
  link: string;
  dot: string;
  ok: string;
  fail: string;
  drop: string;
  timeout: string;
  busy: string;
  idle: string;
  queued: string;
  down: string;
}

function readPalette(element: Element): Palette {
  const style = getComputedStyle(element);
  const get = (name: string) => style.getPropertyValue(`--replay-${name}`).trim() || '#888';
  return {
    text: get('text'),
    muted: get('muted'),
    box: get('box'),
    border: get('border'),
    link: get('link'),
    dot: get('dot'),
    ok: get('ok'),
    fail: get('fail'),
    drop: get('drop'),
    timeout: get('timeout'),
    busy: get('busy'),
    idle: get('idle'),
    queued: get('queued'),
    down: get('down'),
  };
}

/** One trace on one canvas. `draw` touches only the canvas. */
export class TracePlayer extends TracePlayerText {
  private boxes: Box[] = [];
  private width = 0;
  private height = 0;
  private palette: Palette;
  private readonly context: CanvasRenderingContext2D | null;
  private lastTime: number;
  private layer: HTMLCanvasElement | undefined;
  private layerKey = '';

  constructor(
    trace: ReplayTrace,
    model: ReplayModel,
    private readonly canvas: HTMLCanvasElement,
  ) {
    super(trace, model);
    this.context = canvas.getContext('2d');
    this.palette = readPalette(canvas);
    this.lastTime = trace.fromMs;
  }

  /** Fit the canvas to `width` CSS pixels; returns its height. */
  resize(width: number): number {
    const { boxes, height } = layoutBoxes(this.trace, width);
    this.boxes = boxes;
    this.width = width;
    this.height = height;
    const ratio = Math.min(2, window.devicePixelRatio || 1);
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(height * ratio);
    this.canvas.style.height = `${height}px`;
    this.context?.setTransform(ratio, 0, 0, ratio, 0, 0);
    this.layer = document.createElement('canvas');
    this.layer.width = this.canvas.width;
    this.layer.height = this.canvas.height;
    this.layerKey = '';
    return height;
  }

  refreshPalette(): void {
    this.palette = readPalette(this.canvas);
    this.layerKey = '';
  }

  override totals(time: number = this.lastTime): string {
    return super.totals(time);
  }

  /** Draw the trace at `time`; returns how many dots it drew. */
  draw(time: number, travelMs: number): number {
    this.lastTime = time;
    const ctx = this.context;
    if (!ctx || this.width === 0) return 0;
    const state = this.model.stateAt(time);
    // What changes only when a node crashes or is taken out (links, frames, names) is drawn
    // once into a layer of its own and copied each frame.
    let key = '';
    for (let i = 0; i < this.model.linksOut.length; i++) key += this.model.linksOut[i];
    for (let c = 0; c < this.model.components; c++) key += state[c * FIELDS + F_DOWN];
    const layer = this.layer?.getContext('2d');
    if (this.layer && layer) {
      if (key !== this.layerKey) {
        this.layerKey = key;
        layer.setTransform(1, 0, 0, 1, 0, 0);
        layer.clearRect(0, 0, this.layer.width, this.layer.height);
        const ratio = this.layer.width / this.width;
        layer.setTransform(ratio, 0, 0, ratio, 0, 0);
        this.drawStatic(layer, state);
      }
      ctx.clearRect(0, 0, this.width, this.height);
      ctx.drawImage(this.layer, 0, 0, this.width, this.height);
    } else {
      ctx.clearRect(0, 0, this.width, this.height);
      this.drawStatic(ctx, state);
    }
    this.trace.components.forEach((component, c) => this.drawBox(ctx, c, state));
    return this.drawDots(ctx, time, travelMs);
  }

  /** Links (a dashed one is a target its balancer has taken out), box frames and names. */
  private drawStatic(ctx: CanvasRenderingContext2D, state: Int32Array): void {
    const p = this.palette;
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = p.link;
    this.trace.links.forEach(([a, b], i) => {
      const [x1, y1, x2, y2] = this.segment(a, b);
      ctx.setLineDash(this.model.linksOut[i] ? [4, 4] : []);
      ctx.globalAlpha = this.model.linksOut[i] ? 0.45 : 1;
      ctx.beginPath();
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    this.trace.components.forEach((component, c) => this.drawFrame(ctx, c, state));
  }

  private drawFrame(ctx: CanvasRenderingContext2D, c: number, state: Int32Array): void {
    const p = this.palette;
    const component = this.trace.components[c];
    const box = this.boxes[c];
    const down = state[c * FIELDS + F_DOWN] === 1;
    ctx.fillStyle = down ? p.down : p.box;
    ctx.strokeStyle = down ? p.fail : p.border;
    ctx.lineWidth = 1;
    ctx.setLineDash(down ? [3, 3] : []);
    ctx.beginPath();
    if (typeof ctx.roundRect === 'function') ctx.roundRect(box.x, box.y, box.w, box.h, 4);
    else ctx.rect(box.x, box.y, box.w, box.h);
    ctx.fill();
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = p.text;
    ctx.font = '600 11px system-ui, sans-serif';
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(fit(ctx, down ? `${component.name} (down)` : component.name, box.w - 12), box.x + 6, box.y + 14);
  }

  /** What changes from frame to frame in a box: lights, queue, counters. */
  private drawBox(ctx: CanvasRenderingContext2D, c: number, state: Int32Array): void {
    const p = this.palette;
    const component = this.trace.components[c];
    const box = this.boxes[c];
    const at = c * FIELDS;
    const left = box.x + 6, inner = box.w - 12;
    ctx.textBaseline = 'alphabetic';
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = p.muted;
    if (component.workers > 0) {
      // Workers as lights, lit while busy.
      const lights = Math.min(component.workers, MAX_LIGHTS);
      const size = Math.max(3, Math.min(10, Math.floor(inner / lights) - 2));
      const perRow = Math.max(1, Math.floor(inner / (size + 2)));
      const busy = state[at + F_BUSY];
      for (let w = 0; w < lights; w++) {
        const row = Math.floor(w / perRow);
        if (row > 1) break;
        ctx.fillStyle = w < busy ? p.busy : p.idle;
        ctx.fillRect(left + (w % perRow) * (size + 2), box.y + 19 + row * (size + 2), size, size);
      }
      // The queue as a stack of bars, with its length.
      const queued = state[at + F_QUEUED];
      const label = queued > 0 ? String(queued) : '';
      const labelWidth = label ? ctx.measureText(label).width + 4 : 0;
      const fits = Math.max(0, Math.floor((inner - labelWidth) / 5));
      ctx.fillStyle = p.queued;
      for (let q = 0; q < Math.min(queued, fits); q++) ctx.fillRect(left + q * 5, box.y + 33, 4, 9);
      if (label) {
        ctx.fillStyle = p.text;
        ctx.fillText(label, left + Math.min(queued, fits) * 5 + 2, box.y + 41);
      }
      ctx.fillStyle = p.muted;
      ctx.fillText(fit(ctx, `✓${n(state[at + F_SERVED])} ✗${n(state[at + F_FAILED])} ⊘${n(state[at + F_DROPPED] + state[at + F_TIMED_OUT])}`, inner), left, box.y + 53);
    } else if (component.kind === 'client') {
      ctx.fillText(fit(ctx, `sent ${n(state[at + F_ARRIVED])}`, inner), left, box.y + 26);
      const dropped = state[at + F_DROPPED], timedOut = state[at + F_TIMED_OUT];
      const rest = `${dropped ? ` ⊘${n(dropped)}` : ''}${timedOut ? ` ▲${n(timedOut)}` : ''}`;
      ctx.fillText(fit(ctx, `✓${n(state[at + F_SERVED])} ✗${n(state[at + F_FAILED])}${rest}`, inner), left, box.y + 38);
    } else {
      ctx.fillText(fit(ctx, `${n(state[at + F_ARRIVED])} passed`, inner), left, box.y + 26);
      const retried = state[at + F_RETRIED], timedOut = state[at + F_TIMED_OUT], failed = state[at + F_FAILED], dropped = state[at + F_DROPPED];
      const extra = [retried ? `retried ${n(retried)}` : '', timedOut ? `▲${n(timedOut)}` : '', failed ? `✗${n(failed)}` : '', dropped ? `⊘${n(dropped)}` : ''].filter(Boolean).join(' ');
      if (extra) ctx.fillText(fit(ctx, extra, inner), left, box.y + 38);
    }
  }

  /** The line a dot follows from component a to component b: from the edge of one box to the facing edge of the other. */
  private segment(a: number, b: number): [number, number, number, number] {
    const A = this.boxes[a], B = this.boxes[b];
    if (B.x > A.x + A.w / 2) return [A.x + A.w, A.y + A.h / 2, B.x, B.y + B.h / 2];
    if (B.x + B.w / 2 < A.x) return [A.x, A.y + A.h / 2, B.x + B.w, B.y + B.h / 2];
    return B.y > A.y ? [A.x + A.w / 2, A.y + A.h, B.x + B.w / 2, B.y] : [A.x + A.w / 2, A.y, B.x + B.w / 2, B.y + B.h];
  }

  private drawDots(ctx: CanvasRenderingContext2D, time: number, travelMs: number): number {
    if (!(travelMs > 0)) return 0;
    const p = this.palette;
    const { forward, back } = this.model;
    // In: trips that reach their stop within the next `travelMs`.
    ctx.fillStyle = p.dot;
    ctx.beginPath();
    const first = forward.firstAtOrAfter(time), last = forward.firstAtOrAfter(time + travelMs);
    for (let i = first; i < last; i++) {
      const [x, y] = this.along(forward.paths[i], 1 - (forward.times[i] - time) / travelMs, forward.requests[i]);
      ctx.moveTo(x + 3.5, y);
      ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
    }
    ctx.fill();
    // Back: trips that ended within the last `travelMs`, by outcome, each its own shape.
    const start = back.firstAtOrAfter(time - travelMs), end = back.firstAtOrAfter(time + 1e-9);
    const drawn = last - first + end - start;
    for (const code of [FINISH, FAIL, DROP, TIMEOUT]) {
      ctx.beginPath();
      for (let i = start; i < end; i++) {
        if (back.codes[i] !== code) continue;
        const [x, y] = this.along(back.paths[i], (time - back.times[i]) / travelMs, back.requests[i]);
        if (code === FINISH) {
          ctx.moveTo(x + 4, y);
          ctx.arc(x, y, 4, 0, 2 * Math.PI);
        } else if (code === FAIL) {
          ctx.moveTo(x - 3.5, y - 3.5);
          ctx.lineTo(x + 3.5, y + 3.5);
          ctx.moveTo(x + 3.5, y - 3.5);
          ctx.lineTo(x - 3.5, y + 3.5);
        } else if (code === DROP) {
          ctx.rect(x - 3.5, y - 3.5, 7, 7);
        } else {
          ctx.moveTo(x, y - 4.5);
          ctx.lineTo(x + 4.5, y + 4);
          ctx.lineTo(x - 4.5, y + 4);
          ctx.closePath();
        }
      }
      if (code === FINISH) {
        ctx.fillStyle = p.ok;
        ctx.fill();
      } else if (code === TIMEOUT) {
        ctx.fillStyle = p.timeout;
        ctx.fill();
      } else {
        ctx.strokeStyle = code === FAIL ? p.fail : p.drop;
        ctx.lineWidth = 2;
        ctx.stroke();
      }
    }
    return drawn;
  }

  /** The point a fraction `f` (0..1) along the path of boxes, nudged sideways by request so dots do not hide each other. */
  private along(path: number[], f: number, request: number): [number, number] {
    const legs = path.length - 1;
    const s = Math.max(0, Math.min(1, f)) * legs;
    const leg = Math.min(legs - 1, Math.floor(s));
    const u = s - leg;
    const [x1, y1, x2, y2] = this.segment(path[leg], path[leg + 1]);
    const nudge = ((request * 37) % 7) - 3;
    return [x1 + (x2 - x1) * u, y1 + (y2 - y1) * u + nudge];
  }
}

/** `text` cut with an ellipsis to fit `width` pixels. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
}

/** The canvas of one trace: sized to its box, redrawn on resize and on a change of theme. */
function TraceCanvas({ trace, model, onReady }: { trace: ReplayTrace; model: ReplayModel; onReady: (player: TracePlayer | null) => void }): ReactNode {
  const canvas = useRef<HTMLCanvasElement>(null);
  const ready = useRef(onReady);
  ready.current = onReady;
  useEffect(() => {
    const element = canvas.current;
    if (!element) return undefined;
    const player = new TracePlayer(trace, model, element);
    const size = () => {
      player.resize(element.parentElement?.clientWidth || 320);
      ready.current(player);
    };
    size();
    const resize = typeof ResizeObserver === 'function' ? new ResizeObserver(size) : undefined;
    if (element.parentElement) resize?.observe(element.parentElement);
    const theme = new MutationObserver(() => {
      player.refreshPalette();
      ready.current(player);
    });
    theme.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => {
      resize?.disconnect();
      theme.disconnect();
      ready.current(null);
    };
  }, [trace, model]);
  const names = trace.components.map((c) => c.name).join(', ');
  return (
    <div className={styles.canvasBox}>
      <canvas ref={canvas} className={styles.canvas} role="img" aria-label={`Replay of ${trace.label || 'the trace'}: ${names}. The table below says what each did.`} />
    </div>
  );
}
