import { Group, Pagination, ScrollArea, Select, Table, Text } from '@mantine/core';
import { rowPaginationFeature, tableFeatures, type PaginationState, type ReactTable, type RowData, type Updater } from '@tanstack/react-table';
import { useTranslation } from 'react-i18next';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/** What the console's tables use: pages, which the services make (manualPagination). */
export const pagedTable = tableFeatures({ rowPaginationFeature });

/**
 * The page a pager's change asks for, as the service numbers pages (from 1). A new page size
 * starts again at the first page, as the rows it numbered are not the same.
 */
export function pageAfter(current: { page: number; pageSize: number }, updater: Updater<PaginationState>): { page: number; size: number } {
  const now = { pageIndex: current.page - 1, pageSize: current.pageSize };
  const next = typeof updater === 'function' ? updater(now) : updater;
  return { page: next.pageSize === now.pageSize ? next.pageIndex + 1 : 1, size: next.pageSize };
}

/**
 * A TanStack table drawn with Mantine: a captioned table with column headers, then the paging
 * controls (the service pages; the table only shows what it was given: manualPagination).
 */
export function DataTable<TData extends RowData>({ table, caption, empty, total }: { table: ReactTable<typeof pagedTable, TData>; caption: string; empty: string; total: number }) {
  const { t } = useTranslation();
  const { pageIndex, pageSize } = table.state.pagination;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const rows = table.getRowModel().rows;
  const first = total === 0 ? 0 : pageIndex * pageSize + 1;
  const last = Math.min(total, (pageIndex + 1) * pageSize);
  return (
    <>
      <ScrollArea type="auto">
        <Table striped highlightOnHover withTableBorder verticalSpacing="xs" miw={900}>
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => (
                  <Table.Th key={header.id} scope="col">
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </Table.Th>
                ))}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={table.getAllLeafColumns().length}>
                  <Text size="sm">{empty}</Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              rows.map((row) => (
                <Table.Tr key={row.id}>
                  {row.getAllCells().map((cell) => (
                    <Table.Td key={cell.id}>
                      <table.FlexRender cell={cell} />
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      <Group justify="space-between" mt="sm">
        <Text size="sm" role="status">
          {t('table.showing', { first, last, total })}
        </Text>
        <Group gap="sm">
          <Select
            label={t('table.pageSize')}
            size="xs"
            w={110}
            allowDeselect={false}
            data={PAGE_SIZES.map(String)}
            value={String(pageSize)}
            onChange={(value) => table.setPageSize(Number(value))}
          />
          <Pagination
            total={pages}
            value={pageIndex + 1}
            onChange={(page) => table.setPageIndex(page - 1)}
            size="sm"
            mt="lg"
            getControlProps={(control) => ({ 'aria-label': t(`table.${control}`) })}
            getItemProps={(page) => ({ 'aria-label': t('table.page', { page }) })}
          />
        </Group>
      </Group>
    </>
  );
}
