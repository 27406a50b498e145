import { t } from '../utils/i18n';
import type { Goal } from '../utils/schema/goal';
import type { Session } from '../utils/schema/session';
import { formatPercent } from './format';

/**
 * A goal's progress per held session, drawn with SVG: a line over the sessions that recorded it,
 * ending at today's value. The same figures are given as text for screen readers.
 */
export function progressSeries(goal: Goal, held: readonly Session[]): number[] {
  const points = held
    .map((s) => s.goalProgress?.[goal.id])
    .filter((p): p is number => typeof p === 'number');
  return [...points, goal.progress];
}

// Drawn in a fixed coordinate box and scaled to the panel's width as a whole (no distortion).
const WIDTH = 300;
const HEIGHT = 96;
const PAD = 8;

export function ProgressChart({ goal, held }: { goal: Goal; held: readonly Session[] }) {
  const series = progressSeries(goal, held);
  const step = series.length > 1 ? (WIDTH - 2 * PAD) / (series.length - 1) : 0;
  const y = (p: number) => HEIGHT - PAD - (p / 100) * (HEIGHT - 2 * PAD);
  const points = series.map((p, i) => [PAD + i * step, y(p)] as const);
  const line = points.map(([x, py]) => `${x},${py}`).join(' ');
  const first = points[0];
  const last = points.at(-1);
  const trend = series.map(formatPercent).join(' → ');
  const description = t('history.chart', goal.title, trend);
  return (
    <figure class="progress-chart" data-testid="progress-chart">
      <figcaption class="chart-head">
        <span class="goal-title" dir="auto">
          {goal.title}
        </span>
        <span class="chart-now">{formatPercent(goal.progress)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="xMidYMid meet"
        role="img"
        aria-label={description}
      >
        {[0, 50, 100].map((p) => (
          <line key={p} x1={PAD} x2={WIDTH - PAD} y1={y(p)} y2={y(p)} class="grid" />
        ))}
        {first && last && points.length > 1 && (
          <>
            <polygon points={`${first[0]},${y(0)} ${line} ${last[0]},${y(0)}`} class="area" />
            <polyline points={line} class="trend" />
          </>
        )}
        {points.map(([x, py], i) => (
          <circle
            key={i}
            cx={x}
            cy={py}
            r={i === points.length - 1 ? 4.5 : 3}
            class={i === points.length - 1 ? 'dot now' : 'dot'}
          />
        ))}
      </svg>
      <p class="chart-trend muted">{trend}</p>
    </figure>
  );
}
