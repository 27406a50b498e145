// Issue 17's targets: each figure of the report beside its floor (what the same work costs
// without Tandem: a blank extension page, a plain input, a raw IndexedDB get, a bare route) and
// its target, with `met`. Only figures the report has are judged (`--only` reports a part).

export interface Target {
  /** What is measured, in words. */
  figure: string;
  value: number;
  unit: string;
  /** The floor it is measured against, where the target is a ratio of it. */
  floor?: { name: string; value: number };
  /** `value` ≤ target (most), or ≥ target (throughput). */
  target: { atMost: number } | { atLeast: number };
  met: boolean;
  /** What else the figure should be read beside, in words (printed under it). */
  context?: string;
}

type Json = Record<string, unknown>;

/** A number at a dotted path of the report, or undefined. */
function at(report: Json, path: string): number | undefined {
  let value: unknown = report;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Json)[key];
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A figure judged against its target, if the report has it. */
function judged(
  figure: string,
  value: number | undefined,
  unit: string,
  target: Target['target'],
  floor?: { name: string; value: number | undefined },
): Target[] {
  if (value === undefined) return [];
  const met = 'atMost' in target ? value <= target.atMost : value >= target.atLeast;
  return [
    {
      figure,
      value,
      unit,
      ...(floor?.value !== undefined ? { floor: { name: floor.name, value: floor.value } } : {}),
      target,
      met,
    },
  ];
}

const atMost = (
  figure: string,
  value: number | undefined,
  unit: string,
  limit: number,
  floor?: { name: string; value: number | undefined },
) => judged(figure, value, unit, { atMost: limit }, floor);

const atLeast = (
  figure: string,
  value: number | undefined,
  unit: string,
  limit: number,
  floor?: { name: string; value: number | undefined },
) => judged(figure, value, unit, { atLeast: limit }, floor);

/** The targets the report's figures can be judged against. */
export function targetsOf(report: Json): Target[] {
  const blank = {
    name: 'blank extension page, median ms',
    value: at(report, 'panelLoad.blankPageMs.median'),
  };
  return [
    ...atMost(
      'JavaScript the panel loads before its goals are on screen',
      at(report, 'panelLoad.jsBeforeGoals.gzip'),
      'bytes gzip',
      60 * 1024,
    ),
    ...atMost(
      "JavaScript of the panel page's first view (its scripts and their static imports)",
      at(report, 'size.panelJs.gzip'),
      'bytes gzip',
      60 * 1024,
    ),
    ...atMost('Panel ready ÷ blank page', at(report, 'panelLoad.readyRatio'), '×', 1.25, blank),
    ...atMost(
      "A seeded pair's goals on screen ÷ blank page",
      at(report, 'panelLoad.ratio'),
      '×',
      1.5,
      blank,
    ).map((t) => {
      const raw = at(report, 'panelLoad.rawGoalsPageRatio');
      const panel = at(report, 'panelLoad.ratioToRawGoalsPage');
      return raw === undefined || panel === undefined
        ? t
        : {
            ...t,
            context: `a page that only reads the goals raw and lists them: ${raw} × the blank page; the panel ÷ that page: ${panel} ×`,
          };
    }),
    // Search at 10,000 notes (scripts/bench/search.ts): the first keystroke after the box gets
    // focus in a panel just opened, and the longest task on the page while it loads and types;
    // and every later keystroke (the target issue 8 set, kept).
    ...atMost(
      'First search keystroke at 10,000 notes, input to results in the DOM',
      at(report, 'search.firstKeystroke.inputToDomMs'),
      'ms',
      100,
      {
        name: 'plain input, keystroke to frame ms',
        value: at(report, 'search.firstKeystroke.floorMs'),
      },
    ),
    ...atMost(
      'Longest task on the panel page while it loads and the user searches',
      at(report, 'search.longestTask.ms'),
      'ms',
      50,
      { name: 'slowest raw IndexedDB get ms', value: at(report, 'search.longestTask.floorMs') },
    ),
    ...atMost(
      'Search per keystroke, median, input to the frame with the results',
      at(report, 'search.perKeystrokeMs.median'),
      'ms',
      16,
      {
        name: 'plain input, keystroke to frame ms',
        value: at(report, 'search.plainInputToFrameMs.median'),
      },
    ),
    // The sidecar (scripts/bench-sidecar.ts): pushes with 50 clients as a share of a bare
    // Fastify route's, and the pull's p99 under the same load.
    ...atLeast(
      'SQLite pushes per second ÷ bare route',
      at(report, 'sidecar.sqlite.targets.pushes.ratio'),
      '×',
      0.5,
      {
        name: 'bare route, pushes per second',
        value: at(report, 'sidecar.sqlite.targets.pushes.bareRoutePerSecond'),
      },
    ),
    ...atMost(
      'SQLite pull p99 with 50 clients',
      at(report, 'sidecar.sqlite.targets.pullP99.pullP99Ms'),
      'ms',
      20,
      {
        name: 'bare route, pull p99 ms',
        value: at(report, 'sidecar.sqlite.targets.pullP99.bareRoutePullP99Ms'),
      },
    ),
    ...atLeast(
      'PostgreSQL pushes per second ÷ bare route',
      at(report, 'sidecar.postgres.targets.pushes.ratio'),
      '×',
      0.3,
      {
        name: 'bare route, pushes per second',
        value: at(report, 'sidecar.postgres.targets.pushes.bareRoutePerSecond'),
      },
    ),
  ];
}

/** One line per target, for the log. */
export function describeTargets(targets: readonly Target[]): string[] {
  return targets.map((t) => {
    const limit = 'atMost' in t.target ? `≤ ${t.target.atMost}` : `≥ ${t.target.atLeast}`;
    const floor = t.floor ? ` (floor: ${t.floor.name} ${t.floor.value})` : '';
    const line = `${t.met ? 'met    ' : 'NOT MET'} ${t.figure}: ${t.value} ${t.unit}, target ${limit}${floor}`;
    return t.context ? `${line}\n          (${t.context})` : line;
  });
}
