import { t } from '../i18n';

/**
 * Where a problem is, in words a person reads: `tables.sessions[0].meetingUrl` → "Session 1,
 * meeting link"; `members[1].email` → "Member 2, email". Record kinds and fields Tandem knows
 * are said in the user's language; anything else (a field a hand-edited file made up) is
 * quoted as it is.
 */
export function placeInWords(path: string | readonly PropertyKey[]): string {
  const keys = typeof path === 'string' ? parsePath(path) : [...path];
  const parts: string[] = [];
  let privateSection = false;
  for (let i = 0; i < keys.length; i += 1) {
    const key = keys[i];
    const next = keys[i + 1];
    if (key === 'tables' && i === 0) continue;
    if (key === 'private' && i === 0) {
      privateSection = true;
      continue;
    }
    if (typeof key === 'string' && typeof next === 'number') {
      const kind = recordKind(key, privateSection);
      parts.push(kind ? t(kind, String(next + 1)) : `${quoted(key)} ${next + 1}`);
      i += 1;
      continue;
    }
    if (typeof key === 'number') {
      parts.push(String(key + 1));
      continue;
    }
    const field = fieldKey(String(key));
    parts.push(field ? t(field) : quoted(String(key)));
  }
  const words = parts.join(', ') || t('fields.whole');
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

function quoted(key: string): string {
  return `“${key.slice(0, 60)}”`;
}

/** `a.b[2]["c d"]` → ['a', 'b', 2, 'c d']. */
function parsePath(path: string): PropertyKey[] {
  const keys: PropertyKey[] = [];
  const pattern = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g;
  for (const match of path.matchAll(pattern)) {
    if (match[1] !== undefined) keys.push(match[1]);
    else if (match[2] !== undefined) keys.push(Number(match[2]));
    else if (match[3] !== undefined) keys.push(JSON.parse(match[3]) as string);
  }
  return keys;
}

const recordKinds = {
  pairs: 'fields.record.pairs',
  goals: 'fields.record.goals',
  sessions: 'fields.record.sessions',
  agendaItems: 'fields.record.agendaItems',
  actionItems: 'fields.record.actionItems',
  notes: 'fields.record.notes',
  reflections: 'fields.record.reflections',
  customPrompts: 'fields.record.customPrompts',
  promptStates: 'fields.record.promptStates',
  learnings: 'fields.record.learnings',
  closings: 'fields.record.closings',
  members: 'fields.record.members',
  introductions: 'mentorRoles.record.introductions',
  roleNotes: 'mentorRoles.record.roleNotes',
} as const;

function recordKind(key: string, privateSection: boolean) {
  if (privateSection && key === 'notes') return 'fields.record.privateNotes' as const;
  if (privateSection && key === 'reflections') return 'fields.record.privateReflections' as const;
  if (privateSection && key === 'roleNotes') return 'mentorRoles.record.privateRoleNotes' as const;
  if (privateSection && key === 'learnings') return 'fields.record.privateLearnings' as const;
  return Object.hasOwn(recordKinds, key) ? recordKinds[key as keyof typeof recordKinds] : null;
}

const fields = {
  id: 'fields.field.id',
  pairId: 'fields.field.pairId',
  sessionId: 'fields.field.sessionId',
  title: 'fields.field.title',
  text: 'fields.field.text',
  body: 'fields.field.body',
  answer: 'fields.field.answer',
  question: 'fields.field.question',
  name: 'fields.field.name',
  email: 'fields.field.email',
  role: 'fields.field.role',
  myRole: 'fields.field.myRole',
  model: 'fields.field.model',
  cadenceDays: 'fields.field.cadenceDays',
  agreement: 'fields.field.agreement',
  rhythm: 'fields.field.rhythm',
  confidentiality: 'fields.field.confidentiality',
  scope: 'fields.field.scope',
  why: 'fields.field.why',
  measure: 'fields.field.measure',
  targetDate: 'fields.field.targetDate',
  progress: 'fields.field.progress',
  status: 'fields.field.status',
  owner: 'fields.field.owner',
  due: 'fields.field.due',
  scheduledAt: 'fields.field.scheduledAt',
  meetingUrl: 'fields.field.meetingUrl',
  calendarEventId: 'fields.field.calendarEventId',
  visibility: 'fields.field.visibility',
  updatedAt: 'fields.field.updatedAt',
  createdAt: 'fields.field.createdAt',
  format: 'fields.field.format',
  order: 'fields.field.order',
  deviceId: 'fields.field.deviceId',
  deleted: 'fields.field.deleted',
} as const;

function fieldKey(key: string) {
  return Object.hasOwn(fields, key) ? fields[key as keyof typeof fields] : null;
}
