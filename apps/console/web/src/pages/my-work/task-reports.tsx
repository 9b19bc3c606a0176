import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { ProblemAlert } from '../../components/problem-alert';
import { formatDayTime } from '../../i18n/vietnam-time';
import { saveBlob } from '../incoming/incoming-query';
import { useDirectory } from '../../api/directory';
import { fetchEvidence, type EvidenceRef, type Task } from './task-query';
import { useMyWorkTexts } from './texts';

/** The task's progress reports and submissions, newest first, each with its evidence files to download. */
export function TaskReports({ task }: { task: Task }) {
  const { t, i18n } = useMyWorkTexts();
  const names = useDirectory();
  const download = useMutation({ mutationFn: async (file: EvidenceRef) => saveBlob(await fetchEvidence(task.id, file.sha256), file.name) });
  const reports = [...task.reports].sort((a, b) => b.seq - a.seq);
  if (reports.length === 0) return <Text size="sm">{t('task.reports.none')}</Text>;
  return (
    <Stack gap="sm">
      {download.isError && <ProblemAlert t={t} error={download.error} />}
      {reports.map((report) => (
        <Paper key={report.seq} withBorder p="sm">
          <Text size="sm" fw={600}>
            {t(`task.reports.kinds.${report.kind}`, { percent: report.percent })}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDayTime(report.at, i18n.language)} · {names.person(report.by)}
          </Text>
          <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {report.narrative}
          </Text>
          {report.documentRef && (
            <Text size="sm" mt={4}>
              {t('task.reports.documentRef', { ref: report.documentRef })}
            </Text>
          )}
          {report.evidence.length > 0 && (
            <Group gap="xs" mt="xs">
              {report.evidence.map((file) => (
                <Button
                  key={file.sha256}
                  variant="default"
                  size="xs"
                  onClick={() => download.mutate(file)}
                  loading={download.isPending && download.variables?.sha256 === file.sha256}
                  aria-label={t('task.reports.download', { name: file.name })}
                >
                  {file.name}
                </Button>
              ))}
            </Group>
          )}
        </Paper>
      ))}
    </Stack>
  );
}
