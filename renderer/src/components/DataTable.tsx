import { Box, Center, Group, Loader, Table, Text, UnstyledButton } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { type KeyboardEvent, type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../electron/api/format';

export interface Column<Row, Sort extends string> {
  key: string;
  label: string;
  /** When set, clicking the header sorts by this column (in SQL, on the whole table). */
  sort?: Sort;
  width?: number | string;
  align?: 'left' | 'right';
  render: (row: Row) => ReactNode;
}

export interface PageRequest<Sort extends string> {
  offset: number;
  limit: number;
  sort?: Sort;
  direction: 'asc' | 'desc';
}

interface DataTableProps<Row, Sort extends string> {
  columns: Column<Row, Sort>[];
  /** Fetches one page of rows; everything that filters is in `queryKey`. */
  fetchPage: (request: PageRequest<Sort>) => Promise<{ total: number; rows: Row[] }>;
  /** Changes whenever the filters change: the table starts again from the top. */
  queryKey: string;
  rowKey: (row: Row) => string;
  onOpen?: (row: Row) => void;
  initialSort?: Sort;
  /** Told the order a person picks by clicking a header (an export in the list's order needs it). */
  onSortChange?: (sort: { column?: Sort; direction: 'asc' | 'desc' }) => void;
  height?: number | string;
  testId?: string;
}

const PAGE = 100;
const ROW_HEIGHT = 41;

/**
 * A big table that stays quick at 100,000 rows: the database pages, sorts and filters; only the
 * rows on screen are in the DOM; pages are fetched as they scroll into view. Arrow keys move
 * between rows, Enter opens one.
 */
export function DataTable<Row, Sort extends string>(props: DataTableProps<Row, Sort>) {
  const { columns, fetchPage, queryKey, rowKey, onOpen, initialSort, onSortChange, height = 'calc(100vh - 260px)', testId } = props;
  const { t } = useTranslation();
  const [sort, setSort] = useState<{ column?: Sort; direction: 'asc' | 'desc' }>({ column: initialSort, direction: 'asc' });
  const [state, setState] = useState<{ key: string; total: number | null; pages: Map<number, Row[]>; error: Error | null }>({
    key: '',
    total: null,
    pages: new Map(),
    error: null,
  });
  const loading = useRef(new Set<string>());
  const scroller = useRef<HTMLDivElement>(null);
  const fullKey = JSON.stringify([queryKey, sort]);
  const current = state.key === fullKey ? state : { key: fullKey, total: null, pages: new Map<number, Row[]>(), error: null };

  const load = useCallback(
    (page: number) => {
      const id = `${fullKey}#${page}`;
      if (loading.current.has(id)) return;
      loading.current.add(id);
      fetchPage({ offset: page * PAGE, limit: PAGE, sort: sort.column, direction: sort.direction }).then(
        (result) =>
          setState((previous) => {
            const base = previous.key === fullKey ? previous : { key: fullKey, total: null, pages: new Map<number, Row[]>(), error: null };
            const pages = new Map(base.pages);
            pages.set(page, result.rows);
            return { key: fullKey, total: result.total, pages, error: null };
          }),
        (error: Error) =>
          setState((previous) =>
            previous.key === fullKey ? { ...previous, error } : { key: fullKey, total: null, pages: new Map<number, Row[]>(), error },
          ),
      );
    },
    [fetchPage, fullKey, sort],
  );

  useEffect(() => {
    loading.current.clear();
    scroller.current?.scrollTo({ top: 0 });
    load(0);
  }, [load]);

  // The virtualizer's functions change as it measures; nothing here memoises them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: current.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();

  useEffect(() => {
    const pages = new Set(items.map((item) => Math.floor(item.index / PAGE)));
    for (const page of pages) if (!current.pages.has(page)) load(page);
  }, [items, current.pages, load]);

  const rowAt = (index: number): Row | undefined => current.pages.get(Math.floor(index / PAGE))?.[index % PAGE];

  const toggleSort = (column: Sort) => {
    const next = { column, direction: sort.column === column && sort.direction === 'asc' ? ('desc' as const) : ('asc' as const) };
    setSort(next);
    onSortChange?.(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTableRowElement>, index: number, row: Row | undefined) => {
    const move = (to: number) => {
      event.preventDefault();
      virtualizer.scrollToIndex(to);
      requestAnimationFrame(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${to}"]`)?.focus());
    };
    if (event.key === 'ArrowDown' && index + 1 < (current.total ?? 0)) move(index + 1);
    else if (event.key === 'ArrowUp' && index > 0) move(index - 1);
    else if (event.key === 'Enter' && row && onOpen) onOpen(row);
  };

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    // data-loaded names the query whose rows are on screen (benchmarks and tests wait on it).
    <Box data-testid={testId} data-loaded={current.total === null ? '' : queryKey}>
      <Group justify="space-between" mb="xs">
        <Text size="sm" c="dimmed" data-testid={testId ? `${testId}-total` : undefined} aria-live="polite">
          {current.total === null ? t('common.loading') : t('common.rowsFound', { count: current.total, formatted: formatNumber(current.total) })}
        </Text>
        {current.error && (
          <Text size="sm" c="red" role="alert">
            {current.error.message}
          </Text>
        )}
      </Group>
      <Box ref={scroller} style={{ height, overflow: 'auto', border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <Table stickyHeader highlightOnHover style={{ tableLayout: 'fixed' }}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} w={column.width} ta={column.align ?? 'left'}>
                  {column.sort ? (
                    <UnstyledButton
                      fw={600}
                      fz="sm"
                      onClick={() => column.sort && toggleSort(column.sort)}
                      aria-sort={sort.column === column.sort ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {column.label}
                      {sort.column === column.sort ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </UnstyledButton>
                  ) : (
                    column.label
                  )}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {paddingTop > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columns.length} style={{ height: paddingTop, padding: 0 }} />
              </tr>
            )}
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <Table.Tr
                  key={row ? rowKey(row) : `loading-${item.index}`}
                  data-index={item.index}
                  data-testid={testId ? `${testId}-row` : undefined}
                  tabIndex={0}
                  style={{ height: ROW_HEIGHT, cursor: onOpen ? 'pointer' : undefined }}
                  onClick={() => row && onOpen?.(row)}
                  onKeyDown={(event) => onKeyDown(event, item.index, row)}
                >
                  {row ? (
                    columns.map((column) => (
                      <Table.Td key={column.key} ta={column.align ?? 'left'} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        {column.render(row)}
                      </Table.Td>
                    ))
                  ) : (
                    <Table.Td colSpan={columns.length}>
                      <Loader size="xs" />
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
            {paddingBottom > 0 && (
              <tr aria-hidden="true">
                <td colSpan={columns.length} style={{ height: paddingBottom, padding: 0 }} />
              </tr>
            )}
          </Table.Tbody>
        </Table>
        {current.total === 0 && (
          <Center p="xl">
            <Text c="dimmed">{t('common.noRows')}</Text>
          </Center>
        )}
      </Box>
    </Box>
  );
}
