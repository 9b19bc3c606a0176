import { Anchor, Box, Card, Code, Group, Loader, ScrollArea, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useOrganisations } from '../../api/directory';
import { ProblemAlert } from '../../components/problem-alert';
import { SecrecyMark } from '../../components/secrecy-mark';
import { UrgencyMark } from '../../components/urgency-mark';
import { formatDay, formatDayTime } from '../../i18n/vietnam-time';
import { usePackage, type ArchivedPackage } from './archive-queries';
import { SealedMark } from './sealed-mark';
import { useArchiveTexts } from './texts';

const LOCALES: Record<string, string> = { vi: 'vi-VN', en: 'en-GB' };

/** The manifest as people read it: the archive's canonical JSON, indented; as it came if it is not JSON. */
function readable(manifest: string): string {
  try {
    return JSON.stringify(JSON.parse(manifest), null, 2);
  } catch {
    return manifest;
  }
}

function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  return (
    <Table withRowBorders={false} verticalSpacing={4} layout="fixed">
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="40%" fw={500} c="dimmed">
              {label}
            </Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function PackageView({ pkg }: { pkg: ArchivedPackage }) {
  const { t, i18n } = useArchiveTexts();
  const bytes = new Intl.NumberFormat(LOCALES[i18n.language] ?? 'vi-VN');
  const organisations = useOrganisations();
  const names = new Map(organisations.data?.items.map((o) => [o.code, o.name]));
  const m = pkg.metadata;
  return (
    <Stack>
      <Group gap="sm" align="center">
        <Title order={1}>
          {t(`documentTypes.${m.type}`, { defaultValue: m.type })} {m.notation}
        </Title>
        <SecrecyMark secrecy={m.secrecy} />
      </Group>
      <Text>{pkg.sealed ? <SealedMark /> : m.subject}</Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Card withBorder component="section" aria-labelledby="package-document">
          <Title order={2} size="h4" id="package-document" mb="xs">
            {t('detail.document')}
          </Title>
          <Facts
            rows={[
              [t('columns.number'), m.number],
              [t('columns.notation'), m.notation],
              [t('columns.issuedAt'), formatDay(m.issuedAt, i18n.language)],
              [t('columns.issuer'), m.issuerName],
              [t('detail.signer'), `${m.signer.authority && m.signer.authority !== 'none' ? `${m.signer.authority} ` : ''}${m.signer.position} ${m.signer.fullName}`],
              [t('detail.recipients'), m.recipients.map((code) => names.get(code) ?? code).join('; ')],
              [t('detail.urgency'), <UrgencyMark key="urgency" urgency={m.urgency} />],
              [t('columns.secrecy'), m.secrecy === 'none' ? t('detail.notSecret') : <SecrecyMark key="secrecy" secrecy={m.secrecy} />],
              [t('detail.pages'), m.pageCount],
              [t('detail.copies'), m.copies],
              [t('detail.finalStatus'), t(`finalStatus.${m.finalStatus}`, { defaultValue: m.finalStatus })],
              ...(m.fileCode ? ([[t('detail.fileCode'), m.fileCode]] as Array<[string, ReactNode]>) : []),
            ]}
          />
        </Card>
        <Card withBorder component="section" aria-labelledby="package-record">
          <Title order={2} size="h4" id="package-record" mb="xs">
            {t('detail.record')}
          </Title>
          <Facts
            rows={[
              [t('detail.packageId'), <Code key="id">{pkg.packageId}</Code>],
              [t('columns.archivedAt'), formatDayTime(pkg.archivedAt, i18n.language)],
              [t('detail.logIndex'), pkg.logIndex === undefined ? t('detail.notYetLogged') : <span data-testid="package-log-index">{pkg.logIndex}</span>],
              [t('detail.manifestSha256'), <Code key="sha">{pkg.manifestSha256}</Code>],
              ...(pkg.sealed ? ([[t('detail.keyId'), <Code key="kid">{pkg.keyId}</Code>]] as Array<[string, ReactNode]>) : []),
              [t('detail.documentId'), <Code key="doc">{pkg.documentId}</Code>],
            ]}
          />
          {pkg.sealed && (
            <Text size="sm" mt="xs">
              {t('detail.sealedNote')}
            </Text>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder component="section" aria-labelledby="package-parts">
        <Title order={2} size="h4" id="package-parts" mb="xs">
          {t('detail.parts', { count: pkg.parts.length })}
        </Title>
        <ScrollArea type="auto">
          <Table striped withTableBorder miw={800} captionSide="top">
            <Table.Caption>{t('detail.partsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('detail.partPath')}</Table.Th>
                <Table.Th scope="col">{t('detail.partType')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('detail.partSize')}
                </Table.Th>
                <Table.Th scope="col">{t('detail.partSha256')}</Table.Th>
                <Table.Th scope="col">{t('detail.partSealed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pkg.parts.map((part) => (
                <Table.Tr key={part.path}>
                  <Table.Th scope="row" fw={500}>
                    <Code>{part.path}</Code>
                  </Table.Th>
                  <Table.Td>{part.contentType}</Table.Td>
                  <Table.Td ta="right">{bytes.format(part.size)}</Table.Td>
                  <Table.Td>
                    <Code title={part.sha256}>{part.sha256.slice(0, 16)}…</Code>
                  </Table.Td>
                  <Table.Td>{part.sealed ? t('detail.yes') : t('detail.no')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Card>
      <Card withBorder component="section" aria-labelledby="package-manifest">
        <Title order={2} size="h4" id="package-manifest" mb="xs">
          {t('detail.manifest')}
        </Title>
        <Text size="sm" mb="xs">
          {t('detail.manifestNote')}
        </Text>
        <Box component="details">
          <Text component="summary" size="sm" fw={500} style={{ cursor: 'pointer' }}>
            {t('detail.showManifest')}
          </Text>
          <ScrollArea.Autosize mah={480} type="auto">
            <Code block>{readable(pkg.manifest)}</Code>
          </ScrollArea.Autosize>
        </Box>
      </Card>
    </Stack>
  );
}

/** One archived package: the document's metadata, the package's parts with their fixity values, the manifest, and its place in the log. */
export function PackageDetail() {
  const { t } = useArchiveTexts();
  const { packageId = '' } = useParams();
  const pkg = usePackage(packageId);
  // Back to the search this package was found by, when it was.
  const search = (useLocation().state as { search?: string } | null)?.search;
  return (
    <Stack>
      <Anchor component={Link} to={search ? `/archive?${search}` : '/archive'} size="sm" w="fit-content">
        {t('detail.back')}
      </Anchor>
      {pkg.isPending && <Loader aria-label={t('app.loading')} />}
      {pkg.isError && (
        <>
          <Title order={1}>{t('detail.title')}</Title>
          <ProblemAlert error={pkg.error} />
        </>
      )}
      {pkg.data && <PackageView pkg={pkg.data} />}
    </Stack>
  );
}
