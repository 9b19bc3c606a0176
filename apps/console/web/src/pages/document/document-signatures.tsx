import { Badge, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDayTime } from '../../i18n/vietnam-time';
import { useVerification, type DocumentView, type VerificationReport } from './document-queries';
import { isPersonSigned } from './document-steps';

type SignatureCheck = VerificationReport['signatures'][number];

/** Each check of a signature, in the order a reader asks them; a timestamp is a level of signature, not a condition of its validity. */
const CHECKS = ['intact', 'coversWholeDocument', 'chainTrusted', 'validAtSigningTime', 'notRevoked', 'timestamped'] as const;
type Check = (typeof CHECKS)[number];

const passed = (signature: SignatureCheck, check: Check) => (check === 'notRevoked' ? !signature.revoked : signature[check] !== false);

/**
 * As the signing service judges it (verify/cms-check.ts): unchanged, trusted, valid when made,
 * not revoked, no problem; the last signature must also cover the file as it is now, the earlier
 * ones cover the revision they signed (the next signature was added after them).
 */
const shownChecks = (last: boolean): Check[] => CHECKS.filter((c) => c !== 'coversWholeDocument' || last);
const isValid = (signature: SignatureCheck, last: boolean) => shownChecks(last).every((c) => c === 'timestamped' || passed(signature, c)) && signature.problems.length === 0;

function Verdict({ valid }: { valid: boolean }) {
  const { t } = useTranslation('document');
  return (
    <Badge color={valid ? '#1e6b30' : 'red.9'} variant="filled">
      {valid ? t('signatures.valid') : t('signatures.invalid')}
    </Badge>
  );
}

function Signature({ signature, index, last }: { signature: SignatureCheck; index: number; last: boolean }) {
  const { t, i18n } = useTranslation('document');
  const valid = isValid(signature, last);
  return (
    <Card withBorder padding="sm" component="li" aria-labelledby={`signature-${index}`}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3} size="h5" id={`signature-${index}`}>
            {signature.signerName}
          </Title>
          {signature.signedAt && (
            <Text size="sm">
              {t('signatures.signedAt')} <time dateTime={signature.signedAt}>{formatDayTime(signature.signedAt, i18n.language)}</time>
            </Text>
          )}
        </div>
        <Verdict valid={valid} />
      </Group>
      <List size="sm" mt="xs" spacing={2}>
        {shownChecks(last).map((check) => (
          <List.Item key={check}>{t(`signatures.checks.${check}.${passed(signature, check) ? 'yes' : 'no'}`)}</List.Item>
        ))}
      </List>
      {signature.problems.length > 0 && (
        <List size="sm" mt="xs" c="red.9">
          {signature.problems.map((problem) => (
            <List.Item key={problem}>{problem}</List.Item>
          ))}
        </List>
      )}
    </Card>
  );
}

/**
 * The signatures in the document's PDF and what the signing service found checking them: the
 * signer's, then the organisation's once issued. A secret document's content is not sent to the
 * signing service; its recipients' systems check its signatures on arrival.
 */
export function DocumentSignatures({ doc, content }: { doc: DocumentView; content: ArrayBuffer | undefined }) {
  const { t } = useTranslation('document');
  const verification = useVerification(doc, content);
  if (!isPersonSigned(doc)) return <Text size="sm">{t('signatures.none')}</Text>;
  if (doc.secrecy !== 'none') return <Text size="sm">{t('signatures.secret')}</Text>;
  if (verification.isError) return <ProblemAlert error={verification.error} title={t('signatures.failed')} ns="document" />;
  if (!verification.data) return <Loader size="sm" aria-label={t('signatures.checking')} />;
  const report = verification.data;
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <Text size="sm">{t('signatures.overall', { count: report.signatures.length })}</Text>
        <Verdict valid={report.valid} />
      </Group>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('signatures.title')}>
        {report.signatures.map((signature, i) => (
          <Signature key={`${signature.certificateSerial ?? signature.signerName}-${i}`} signature={signature} index={i} last={i === report.signatures.length - 1} />
        ))}
      </Stack>
    </Stack>
  );
}
