import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({ openExternal: vi.fn() }));
vi.mock('../../api/backend', async (original) => ({ ...(await original<object>()), backend: fake }));

import { ActivityBody } from './ActivityBody';

beforeEach(() => vi.clearAllMocks());

describe('ActivityBody', () => {
  it('makes links anchors that open outside the app, and reads no HTML from the text', async () => {
    const user = userEvent.setup();
    const { container } = render(<ActivityBody text={'<b>x</b> see https://example.com/deal\nsecond line'} />);
    const link = screen.getByRole('link', { name: 'https://example.com/deal' });
    expect(link).toHaveAttribute('href', 'https://example.com/deal');
    expect(container.querySelector('b')).toBeNull();
    const text = container.querySelector('.tl-body-text')!;
    expect(text.textContent).toBe('<b>x</b> see https://example.com/deal\nsecond line');
    await user.click(link);
    expect(fake.openExternal).toHaveBeenCalledWith('https://example.com/deal');
  });

  it('folds a long body behind Show more, and Show less folds it again', async () => {
    const user = userEvent.setup();
    const lines = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n');
    const { container } = render(<ActivityBody text={lines} />);
    const text = () => container.querySelector('.tl-body-text')!.textContent;
    expect(text()).toContain('line 6');
    expect(text()).not.toContain('line 7');
    const more = screen.getByRole('button', { name: 'Show more' });
    expect(more).toHaveAttribute('aria-expanded', 'false');
    await user.click(more);
    expect(text()).toBe(lines);
    await user.click(screen.getByRole('button', { name: 'Show less' }));
    expect(text()).not.toContain('line 7');
  });

  it('shows a short body whole, without a button', () => {
    render(<ActivityBody text="Called, left a message." />);
    expect(screen.getByText('Called, left a message.')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
