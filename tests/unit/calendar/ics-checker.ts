/**
 * A small iCalendar reader written apart from utils/calendar/ics.ts, to check its output the
 * way a strict client would: CRLF only, no line over 75 octets, folding undone, properties read
 * with their parameters and TEXT values unescaped. Throws on anything RFC 5545 does not allow.
 */

export interface IcsProperty {
  name: string;
  params: Record<string, string>;
  /** The raw value, still escaped. */
  raw: string;
}

export interface IcsComponent {
  name: string;
  properties: IcsProperty[];
  components: IcsComponent[];
}

const octets = (s: string) => new TextEncoder().encode(s).length;

/** TEXT unescaped (RFC 5545 3.3.11); throws on a backslash before anything else. */
export function unescapeText(raw: string): string {
  return raw.replace(/\\(.)|\\$/g, (match, char: string | undefined) => {
    if (char === 'n' || char === 'N') return '\n';
    if (char === '\\' || char === ';' || char === ',') return char;
    throw new Error(`bad escape ${match} in ${raw}`);
  });
}

export function checkIcs(text: string): IcsComponent {
  if (!text.endsWith('\r\n')) throw new Error('the file does not end in CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('a line ends in a bare CR or LF');
  const physical = text.slice(0, -2).split('\r\n');
  const logical: string[] = [];
  for (const [i, line] of physical.entries()) {
    if (octets(line) > 75) throw new Error(`line ${i + 1} has ${octets(line)} octets`);
    if (line.includes('\uFFFD')) throw new Error(`line ${i + 1} splits a character`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (!logical.length) throw new Error('the file starts with a continuation');
      logical[logical.length - 1] += line.slice(1);
    } else {
      logical.push(line);
    }
  }
  const stack: IcsComponent[] = [];
  let root: IcsComponent | undefined;
  for (const line of logical) {
    const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/.exec(line);
    if (!match) throw new Error(`not a content line: ${line}`);
    const [, name = '', paramText = '', raw = ''] = match;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
    if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(raw))
      throw new Error(`control character in ${name}`);
    const params: Record<string, string> = {};
    for (const p of paramText.split(';').slice(1)) {
      const [key = '', value = ''] = p.split('=');
      params[key.toUpperCase()] = value;
    }
    const upper = name.toUpperCase();
    if (upper === 'BEGIN') {
      const component: IcsComponent = { name: raw.toUpperCase(), properties: [], components: [] };
      const parent = stack.at(-1);
      if (parent) parent.components.push(component);
      else if (root) throw new Error('a second top-level component');
      else root = component;
      stack.push(component);
    } else if (upper === 'END') {
      const open = stack.pop();
      if (!open || open.name !== raw.toUpperCase())
        throw new Error(`END:${raw} does not close ${open?.name}`);
    } else {
      const current = stack.at(-1);
      if (!current) throw new Error(`${name} outside a component`);
      current.properties.push({ name: upper, params, raw });
    }
  }
  if (!root || stack.length) throw new Error('a component is not closed');
  return root;
}

/** The one value of a property (undefined when absent); throws when it occurs twice. */
export function prop(component: IcsComponent, name: string): string | undefined {
  const found = component.properties.filter((p) => p.name === name);
  if (found.length > 1) throw new Error(`${name} occurs ${found.length} times`);
  return found[0]?.raw;
}

/** The calendar's one VEVENT, after checking the properties RFC 5545 requires are there. */
export function checkedEvent(text: string): IcsComponent {
  const calendar = checkIcs(text);
  if (calendar.name !== 'VCALENDAR') throw new Error('not a VCALENDAR');
  if (prop(calendar, 'VERSION') !== '2.0') throw new Error('VERSION is not 2.0');
  if (!prop(calendar, 'PRODID')) throw new Error('no PRODID');
  const events = calendar.components.filter((c) => c.name === 'VEVENT');
  if (events.length !== 1 || !events[0]) throw new Error(`${events.length} VEVENTs`);
  const event = events[0];
  for (const required of ['UID', 'DTSTAMP', 'DTSTART']) {
    if (!prop(event, required)) throw new Error(`no ${required}`);
  }
  for (const utc of ['DTSTAMP', 'DTSTART', 'DTEND']) {
    const value = prop(event, utc);
    if (value !== undefined && !/^\d{8}T\d{6}Z$/.test(value))
      throw new Error(`${utc} ${value} is not UTC`);
  }
  return event;
}
