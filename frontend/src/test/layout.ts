import { afterAll, beforeAll } from 'vitest';

// jsdom lays nothing out: withLayout gives every element a size for the
// tests of a file, so virtualized tables show rows.
export function withLayout(width = 1000, height = 600) {
  beforeAll(() => {
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => height });
    Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => width });
  });
  afterAll(() => {
    // Own properties on HTMLElement shadow Element's getters: drop them again.
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight;
    delete (HTMLElement.prototype as { clientWidth?: number }).clientWidth;
  });
}
