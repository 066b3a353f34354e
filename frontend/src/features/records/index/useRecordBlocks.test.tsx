import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { ListPage, ListQuery } from '../../../api/backend';

const fake = vi.hoisted(() => ({ listRecords: vi.fn() }));
vi.mock('../../../api/backend', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../api/backend')>()),
  backend: fake,
}));

import { noFilters } from './FilterBar';
import { useRecordBlocks, type ListParams } from './useRecordBlocks';

const params: ListParams = { sort: '_created', desc: false, search: '', ...noFilters };
const page = (q: ListQuery): ListPage =>
  ({
    total: 250,
    offset: q.offset,
    records: Array.from({ length: Math.min(q.limit, 250 - q.offset) }, (_, i) => ({ id: `r${q.offset + i}`, props: {} })),
  }) as unknown as ListPage;

describe('useRecordBlocks', () => {
  it('keeps getRow while no block changes, and changes it when one loads', async () => {
    fake.listRecords.mockImplementation(async (q: ListQuery) => page(q));
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    const { result, rerender } = renderHook(({ last }) => useRecordBlocks('contacts', params, 0, last), { wrapper, initialProps: { last: 50 } });
    await waitFor(() => expect(result.current.getRow(0)?.id).toBe('r0'));

    // The index page memoises the rows in view on getRow.
    const before = result.current.getRow;
    rerender({ last: 50 });
    expect(result.current.getRow).toBe(before);

    rerender({ last: 150 });
    await waitFor(() => expect(result.current.getRow(120)?.id).toBe('r120'));
    expect(result.current.getRow).not.toBe(before);
  });
});
