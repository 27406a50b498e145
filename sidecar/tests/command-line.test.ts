import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseCommandLine } from '../src/command-line';
import { sidecarBin, sidecarPackage } from './helpers/sidecar-process';

/** Runs `tandem-sidecar <args>` as an operator would, in an empty folder, and waits for it. */
function runSidecar(args: string[]) {
  const folder = mkdtempSync(join(tmpdir(), 'tandem-command-line-'));
  try {
    const result = spawnSync(process.execPath, [sidecarBin, ...args], {
      cwd: folder,
      // A developer's own settings must not change what --help says or make it fail.
      env: { PATH: process.env.PATH ?? '', SIDECAR_PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { ...result, leftBehind: readdirSync(folder) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Every variable config.ts reads, straight from its source. */
function configuredVariables(): string[] {
  const source = readFileSync(join(sidecarPackage, 'src', 'config.ts'), 'utf8');
  return [...new Set(source.match(/\b(SIDECAR_[A-Z_]+|DATABASE_URL)\b/g) ?? [])].sort();
}

describe('the tandem-sidecar command', () => {
  test('--help lists the commands and every setting with its default, touches nothing and exits 0', () => {
    const help = runSidecar(['--help']);
    expect(help.status).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/tandem-sidecar delete-space <spaceId>/);
    expect(help.stdout).toMatch(/tandem-sidecar compact \[<spaceId>\]/);
    const variables = configuredVariables();
    expect(variables.length).toBeGreaterThan(20);
    for (const variable of variables) {
      expect(help.stdout, variable).toMatch(new RegExp(`^  ${variable} \\(default: [^)]`, 'm'));
    }
    expect(help.stdout).toMatch(/SIDECAR_PORT \(default: 8787\)/);
    expect(help.stdout).toMatch(/SIDECAR_RATE_BURST \(default: 300\)/);
    // Neither a database nor a data folder appears for a question.
    expect(help.leftBehind).toEqual([]);
    expect(runSidecar(['-h']).stdout).toBe(help.stdout);
  });

  test('an unknown flag is refused with a clear message and exit code 2, before any store opens', () => {
    const wrong = runSidecar(['--prot', '9000']);
    expect(wrong.status).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/unknown option --prot/);
    expect(wrong.stderr).toMatch(/tandem-sidecar --help/);
    expect(wrong.leftBehind).toEqual([]);
    // After a command too: `compact --all` is not a thing.
    expect(runSidecar(['compact', '--all']).status).toBe(2);
  });

  test('a space id that begins with "-" (base64url) is a space id, not a flag', () => {
    const id = '-AAAAAAAAAAAAAAAAAAAAA';
    expect(parseCommandLine(['compact', id])).toEqual({ kind: 'command', args: ['compact', id] });
    expect(parseCommandLine(['delete-space', '--AAAAAAAAAAAAAAAAAAAA'])).toEqual({
      kind: 'command',
      args: ['delete-space', '--AAAAAAAAAAAAAAAAAAAA'],
    });
    expect(parseCommandLine(['compact', '-x'])).toEqual({ kind: 'unknown-option', option: '-x' });
  });
});
