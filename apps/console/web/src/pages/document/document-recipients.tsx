import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDay, formatDayTime } from '../../i18n/vietnam-time';
import { useDirectory } from '../../api/directory';
import type { DocumentView } from './document-queries';

/**
 * Each recipient's handling of the document as the sender sees it, with its edXML status code
 * (QCVN 102:2016: 01 arrived, 02 refused, 03 accepted, 04 assigned, 05 processing, 06 done,
 * 13 recalled). Before distribution, the organisations it will go to.
 */
export function DocumentRecipients({ doc }: { doc: DocumentView }) {
  const { t, i18n } = useTranslation('document');
  const directory = useDirectory();
  if (doc.recipients.length === 0) {
    const addressees = doc.addressees ?? [];
    if (addressees.length === 0) return <Text size="sm">{t('recipients.none')}</Text>;
    return (
      <Table withTableBorder fz="sm">
        <Table.Caption>{t('recipients.notSent')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('recipients.columns.organisation')}</Table.Th>
            <Table.Th scope="col">{t('recipients.columns.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {addressees.map((org) => (
            <Table.Tr key={org}>
              <Table.Td>{directory.organisation(org)}</Table.Td>
              <Table.Td>{t('recipients.waiting')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }
  return (
    // Focusable, so a keyboard can scroll a table wider than the screen (axe: scrollable-region-focusable).
    <div tabIndex={0} style={{ overflowX: 'auto' }}>
      <Table withTableBorder fz="sm" miw={440}>
        <Table.Caption>{t('recipients.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('recipients.columns.organisation')}</Table.Th>
            <Table.Th scope="col">{t('recipients.columns.code')}</Table.Th>
            <Table.Th scope="col">{t('recipients.columns.status')}</Table.Th>
            <Table.Th scope="col">{t('recipients.columns.arrivalNumber')}</Table.Th>
            <Table.Th scope="col">{t('recipients.columns.deadline')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {doc.recipients.map((r) => (
            <Table.Tr key={r.org} data-org={r.org}>
              <Table.Td>{directory.organisation(r.org)}</Table.Td>
              <Table.Td>
                <Badge variant="outline" color="gray.8">
                  {r.statusCode}
                </Badge>
              </Table.Td>
              <Table.Td>
                {t(`recipientStatus.${r.status}`, { ns: 'translation' })}
                <Text size="xs" c="dimmed">
                  <time dateTime={r.updatedAt}>{formatDayTime(r.updatedAt, i18n.language)}</time>
                </Text>
              </Table.Td>
              <Table.Td>{r.arrivalNumber ?? '—'}</Table.Td>
              <Table.Td>{r.deadline ? formatDay(r.deadline, i18n.language) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
