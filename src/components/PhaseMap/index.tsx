import React from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

interface Stop {
  chapter: string;
  title: string;
  scale: string;
  to: string;
}

// The storyline: each stop is forced by pressure the previous one cannot absorb.
const PHASES: Stop[] = [
  { chapter: '01', title: 'Single node', scale: 'one machine does it all', to: '/docs/single-node/' },
  { chapter: '02', title: 'Cluster', scale: 'many nodes, one balancer', to: '/docs/cluster/' },
  { chapter: '03', title: 'Distributed cluster', scale: 'services by domain', to: '/docs/distributed-cluster/' },
  { chapter: '04', title: 'Cloud native', scale: 'mesh, serverless, autoscale', to: '/docs/cloud-native/' },
];

const ALONGSIDE: Stop[] = [
  { chapter: '05', title: 'Beyond technology', scale: 'business model, selection, teams', to: '/docs/beyond-technology/' },
  { chapter: '06', title: 'Security', scale: 'what grows with every phase', to: '/docs/security/' },
  { chapter: '07', title: 'Evolution in practice', scale: 'trade-offs and iteration', to: '/docs/evolution-in-practice/' },
];

// Geometry of the climbing path, in SVG user units.
const WIDTH = 1010;
const HEIGHT = 300;
const STEP_X = 250;
const STEP_Y = 58;
const BOX_W = 232;
const BOX_H = 70;

function stopPosition(index: number): { x: number; y: number } {
  return { x: 10 + index * STEP_X, y: HEIGHT - 20 - BOX_H - index * STEP_Y };
}

/** The book at a glance: the four phases as a climbing path, every stop a link to its chapter. */
export default function PhaseMap(): React.ReactElement {
  return (
    <nav aria-label="Map of the book" className={styles.map}>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className={styles.svg} aria-hidden="false">
        <title>From one machine to cloud native: the four phases of the book</title>
        <defs>
          <marker id="phase-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className={styles.arrowHead} />
          </marker>
        </defs>
        {PHASES.slice(1).map((_, i) => {
          const from = stopPosition(i);
          const to = stopPosition(i + 1);
          return (
            <line
              key={`edge-${i}`}
              x1={from.x + BOX_W}
              y1={from.y + BOX_H / 2}
              x2={to.x - 4}
              y2={to.y + BOX_H / 2}
              className={styles.edge}
              markerEnd="url(#phase-arrow)"
            />
          );
        })}
        {PHASES.map((phase, i) => {
          const { x, y } = stopPosition(i);
          return (
            <Link key={phase.to} to={phase.to} className={styles.stop} aria-label={`Chapter ${phase.chapter}: ${phase.title}, ${phase.scale}`}>
              <rect x={x} y={y} width={BOX_W} height={BOX_H} rx={10} className={styles.box} />
              <text x={x + 14} y={y + 28} className={styles.stopTitle}>
                {phase.chapter} {phase.title}
              </text>
              <text x={x + 14} y={y + 52} className={styles.stopScale}>
                {phase.scale}
              </text>
            </Link>
          );
        })}
      </svg>
      <ul className={styles.alongside} aria-label="Chapters that run alongside every phase">
        {ALONGSIDE.map((item) => (
          <li key={item.to}>
            <Link to={item.to}>
              <strong>
                {item.chapter} {item.title}
              </strong>
              <span>{item.scale}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
