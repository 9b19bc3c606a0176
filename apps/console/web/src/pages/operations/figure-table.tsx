import { ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface FigureColumn {
  /** Names the figure in the cell's test id: figure-<block>-<row>-<measure>. */
  measure: string;
  header: string;
  format: (value: number) => string;
}

export interface FigureRow {
  /** An organisation's code, a process (`intake-api`), or `total`. */
  key: string;
  label: ReactNode;
  values: Partial<Record<string, number>>;
  /** Shown instead of a value the row does not have (a percentile of nothing completed). */
  missing?: string;
}

/** One figure, its number as the service gave it in data-value and as people read it in the text. */
export function FigureCell({ testId, value, text }: { testId: string; value: number | string | undefined; text: ReactNode }) {
  return (
    <Table.Td data-testid={testId} data-value={value ?? ''} ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Table.Td>
  );
}

/**
 * A chart's figures as a table: what screen readers read, and what the browser tests compare
 * with the APIs. Each row is headed by what it counts; each cell carries a stable test id,
 * `figure-<block>-<row key>-<measure>`. A total, when given, is the table's foot.
 */
export function FigureTable({
  id,
  block,
  caption,
  rowHeader,
  columns,
  rows,
  total,
  empty,
}: {
  id?: string;
  block: string;
  caption: string;
  rowHeader: string;
  columns: FigureColumn[];
  rows: FigureRow[];
  total?: FigureRow;
  empty: string;
}) {
  const line = (row: FigureRow) => (
    <Table.Tr key={row.key}>
      <Table.Th scope="row" fw={row.key === 'total' ? 700 : 500}>
        {row.label}
      </Table.Th>
      {columns.map((column) => {
        const value = row.values[column.measure];
        return <FigureCell key={column.measure} testId={`figure-${block}-${row.key}-${column.measure}`} value={value} text={value === undefined ? (row.missing ?? '—') : column.format(value)} />;
      })}
    </Table.Tr>
  );
  return (
    <ScrollArea type="auto">
      <Table id={id} withTableBorder striped verticalSpacing={6} captionSide="top">
        <Table.Caption>
          <Text size="sm" c="dimmed" ta="left" component="span">
            {caption}
          </Text>
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{rowHeader}</Table.Th>
            {columns.map((column) => (
              <Table.Th key={column.measure} scope="col" ta="right">
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns.length + 1}>
                <Text size="sm">{empty}</Text>
              </Table.Td>
            </Table.Tr>
          ) : (
            rows.map(line)
          )}
        </Table.Tbody>
        {total && <Table.Tfoot>{line(total)}</Table.Tfoot>}
      </Table>
    </ScrollArea>
  );
}
