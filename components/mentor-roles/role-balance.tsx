import { formatNumber, plural, t } from '../../utils/i18n';
import { roleBalance } from '../../utils/mentoring/mentor-roles';
import { pairRoleNotesOf } from '../../utils/queries/role-notes';
import type { Pair } from '../../utils/schema/pair';
import { mentorRoleName } from '../role-chips';
import { useLive, useStore } from '../use-live';

// Drawn in a fixed box and scaled to the panel's width as a whole, as progress-chart.tsx.
// Each role's name above its two bars, so that long names ("Herausforderer/in") never
// crowd the bars; the counts at the right end.
const WIDTH = 300;
const COUNT = 24;
const ROW = 50;
const BAR = 10;
const TOP = 17;

/**
 * The pair's home: how often each of the mentor's roles was used and needed over the last held
 * sessions, by the role notes this browser can read (its own private ones, and every shared
 * one). A small SVG bar chart; the same figures as a table for screen readers.
 */
export function RoleBalance({ pair }: { pair: Pair }) {
  const store = useStore();
  const data = useLive(() => pairRoleNotesOf(store, pair.id), [store, pair.id]);
  if (!data) return null;
  const balance = roleBalance(data.sessions, data.notes);
  if (balance.sessions === 0) return null;
  const track = WIDTH - COUNT;
  const scale = (n: number) => (n / balance.sessions) * track;
  const cell = (n: number) =>
    t('mentorRoles.balance.cell', formatNumber(n), formatNumber(balance.sessions));
  return (
    <section class="section role-balance" aria-labelledby="role-balance-heading">
      <div class="section-head">
        <h2 id="role-balance-heading">{t('mentorRoles.balance.heading')}</h2>
      </div>
      {balance.noted === 0 ? (
        <p class="empty">{t('mentorRoles.balance.empty')}</p>
      ) : (
        <figure class="balance-chart" data-testid="role-balance">
          <figcaption class="muted">
            {plural('mentorRoles.balance.caption', balance.sessions)}
          </figcaption>
          <p class="balance-legend" aria-hidden="true">
            <span class="key used" /> {t('mentorRoles.balance.used')}
            <span class="key needed" /> {t('mentorRoles.balance.needed')}
          </p>
          <svg
            viewBox={`0 0 ${WIDTH} ${balance.rows.length * ROW}`}
            preserveAspectRatio="xMidYMid meet"
            aria-hidden="true"
          >
            {balance.rows.map((row, i) => (
              <g key={row.role} transform={`translate(0 ${i * ROW})`}>
                <text x={0} y={13} class="balance-label">
                  {mentorRoleName(row.role)}
                </text>
                <rect x={0} y={TOP} width={track} height={BAR * 2 + 2} class="track" rx={3} />
                <rect x={0} y={TOP} width={scale(row.used)} height={BAR} class="used" rx={2} />
                <rect
                  x={0}
                  y={TOP + BAR + 2}
                  width={scale(row.needed)}
                  height={BAR}
                  class="needed"
                  rx={2}
                />
                <text x={WIDTH} y={TOP + BAR - 1} class="balance-count" text-anchor="end">
                  {formatNumber(row.used)}
                </text>
                <text x={WIDTH} y={TOP + 2 * BAR + 1} class="balance-count" text-anchor="end">
                  {formatNumber(row.needed)}
                </text>
              </g>
            ))}
          </svg>
          <div class="visually-hidden">
            <table data-testid="role-balance-table">
              <caption>{plural('mentorRoles.balance.caption', balance.sessions)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('mentorRoles.balance.role')}</th>
                  <th scope="col">{t('mentorRoles.balance.used')}</th>
                  <th scope="col">{t('mentorRoles.balance.needed')}</th>
                </tr>
              </thead>
              <tbody>
                {balance.rows.map((row) => (
                  <tr key={row.role}>
                    <th scope="row">{mentorRoleName(row.role)}</th>
                    <td>{cell(row.used)}</td>
                    <td>{cell(row.needed)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </figure>
      )}
    </section>
  );
}
