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

export function ProgressChart({ goal, held }: { goal: Goal; held: readonly Session[] }) {
  const series = progressSeries(goal, held);
  const width = 160;
  const height = 36;
  const step = series.length > 1 ? width / (series.length - 1) : 0;
  const points = series.map((p, i) => [i * step, height - (p / 100) * (height - 4) - 2] as const);
  const trend = series.map(formatPercent).join(' → ');
  const description = t('history.chart', goal.title, trend);
  return (
    <figure class="progress-chart" data-testid="progress-chart">
      <svg
        width={width}
        height={height}
        viewBox={`-2 0 ${width + 4} ${height}`}
        role="img"
        aria-label={description}
      >
        <line x1="0" y1={height - 2} x2={width} y2={height - 2} class="axis" />
        {points.length > 1 && (
          <polyline points={points.map(([x, y]) => `${x},${y}`).join(' ')} class="trend" />
        )}
        {points.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r="2.5" class="dot" />
        ))}
      </svg>
      <figcaption class="muted">
        <span class="goal-title">{goal.title}</span> {trend}
      </figcaption>
    </figure>
  );
}
