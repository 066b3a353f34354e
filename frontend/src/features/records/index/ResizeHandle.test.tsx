import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResizeHandle } from './ResizeHandle';

// header renders a handle in a column header laid out px wide (jsdom lays
// nothing out: the header's width is stubbed).
function header(px: number, width?: number, onCommit = vi.fn()) {
  vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 0, px, 34));
  render(
    <div role="columnheader">
      Email
      <ResizeHandle label="Email" width={width} onPreview={vi.fn()} onCommit={onCommit} onReset={vi.fn()} />
    </div>,
  );
  return screen.getByRole('separator', { name: 'Resize Email' });
}

describe('ResizeHandle', () => {
  afterEach(() => vi.restoreAllMocks());

  it('always gives its value and range, as a focusable separator must', () => {
    const edge = header(240.4);
    expect(edge).toHaveAttribute('aria-valuenow', '240');
    expect(edge).toHaveAttribute('aria-valuemin', '60');
    expect(edge).toHaveAttribute('aria-valuemax', '800');
    expect(edge).toHaveAttribute('aria-orientation', 'vertical');
  });

  it('gives the width the user set, and a laid-out width within the range', () => {
    expect(header(240, 300)).toHaveAttribute('aria-valuenow', '300');
    cleanup();
    expect(header(1200)).toHaveAttribute('aria-valuenow', '800');
  });

  it('moves the edge with the arrow keys and says where it is now', async () => {
    const user = userEvent.setup();
    const onCommit = vi.fn();
    const edge = header(240, undefined, onCommit);
    edge.focus();
    await user.keyboard('{ArrowRight}');
    expect(onCommit).toHaveBeenLastCalledWith(256);
    expect(edge).toHaveAttribute('aria-valuenow', '256');
  });
});
