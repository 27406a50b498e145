// Helpers the benchmarks share for the pages they drive (scripts/bench.mjs, bench-history.mjs).

/** Errors a page throws, so that a failure can say why (printed to stderr). */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error?.stack ?? error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return errors;
}

export async function describePage(page, errors) {
  const text = await page
    .evaluate(() => document.body?.textContent ?? '')
    .catch((error) => `(page unreadable: ${error.message})`);
  return `\n  page text: ${JSON.stringify(text.slice(0, 400))}${errors.length ? `\n  page errors:\n    ${errors.join('\n    ')}` : ''}`;
}
