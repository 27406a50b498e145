import { plural } from '../../i18n';

/** Problems listed for one file; the rest are counted. */
const MAX_ERRORS = 20;

/** The problems found in one file, capped at MAX_ERRORS; the rest are counted. */
export class Problems {
  readonly list: string[] = [];
  private more = 0;
  add(message: string): void {
    if (this.list.length < MAX_ERRORS) this.list.push(message);
    else this.more += 1;
  }
  get count(): number {
    return this.list.length + this.more;
  }
  messages(): string[] {
    if (this.more === 0) return [...this.list];
    return [...this.list, plural('backup.more', this.more)];
  }
}

/** Messages found elsewhere (references.ts), capped as any file's problems are. */
export function capped(messages: string[]): string[] {
  const problems = new Problems();
  for (const message of messages) problems.add(message);
  return problems.messages();
}
