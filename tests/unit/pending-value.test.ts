// @vitest-environment happy-dom
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { settle, usePendingValue } from '../../components/use-pending-value';

/** A tick bound to a stored value, as the agenda's checkbox is: the write is in the test's hands. */
function Tick({ stored, write }: { stored: boolean; write: (done: boolean) => Promise<boolean> }) {
  const [done, setDone] = usePendingValue(stored);
  return h('input', {
    type: 'checkbox',
    checked: done,
    onChange: (e: Event) => {
      const checked = (e.currentTarget as HTMLInputElement).checked;
      void setDone(checked, () => write(checked));
    },
  });
}

function deferred() {
  let resolve!: (ok: boolean) => void;
  const promise = new Promise<boolean>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

function mount(stored: boolean, write: (done: boolean) => Promise<boolean>) {
  root = document.createElement('div');
  document.body.append(root);
  const show = (value: boolean) => act(() => render(h(Tick, { stored: value, write }), root));
  show(stored);
  return { box: root.querySelector('input') as HTMLInputElement, show };
}

describe('a control bound to a stored value, while its write is on the way', () => {
  test('a re-render with the old stored value does not undo the tick (the race behind a tick that did not take)', async () => {
    const write = deferred();
    const { box, show } = mount(false, () => write.promise);
    await act(() => box.click());
    expect(box.checked).toBe(true);
    // Another live query answers before the write is read back: the row renders with done=false.
    show(false);
    expect(box.checked).toBe(true);
    await act(async () => write.resolve(true));
    show(false);
    expect(box.checked).toBe(true);
    // The stored value catches up; from then on the control follows it again.
    show(true);
    expect(box.checked).toBe(true);
    show(false);
    expect(box.checked).toBe(false);
  });

  test('a failed write puts the stored value back', async () => {
    const write = deferred();
    const { box, show } = mount(false, () => write.promise);
    await act(() => box.click());
    expect(box.checked).toBe(true);
    await act(async () => write.resolve(false));
    show(false);
    expect(box.checked).toBe(false);
  });

  test("a later change made elsewhere wins over the user's written choice", () => {
    const written = { value: true, base: false, written: true };
    expect(settle(written, false)).toBe(written);
    expect(settle(written, true)).toBeNull();
    const tri = { value: 'done', base: 'open', written: true };
    expect(settle(tri, 'dropped')).toBeNull();
    // Not yet written: the other edit may be the one the write will overwrite; keep the choice.
    expect(settle({ ...tri, written: false }, 'dropped')).not.toBeNull();
  });

  test('ticked, unticked and ticked again quickly shows the last choice throughout', async () => {
    const writes: ReturnType<typeof deferred>[] = [];
    const { box, show } = mount(false, () => {
      const w = deferred();
      writes.push(w);
      return w.promise;
    });
    await act(() => box.click());
    await act(() => box.click());
    expect(box.checked).toBe(false);
    await act(async () => writes[0]?.resolve(true));
    show(true);
    expect(box.checked).toBe(false);
    await act(async () => writes[1]?.resolve(true));
    show(true);
    expect(box.checked).toBe(false);
    show(false);
    expect(box.checked).toBe(false);
    show(true);
    expect(box.checked).toBe(true);
  });
});
