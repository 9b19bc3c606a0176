import { Group, Select, Stack } from '@mantine/core';
import { useSignedIn } from '../../auth/session-context';
import { HandlerActions } from '../incoming/copy-actions';
import { IncomingTable } from '../incoming/incoming-table';
import { RECIPIENT_STATUSES, type IncomingCopy } from '../incoming/incoming-query';
import { useListView } from '../incoming/list-view';
import { useMyWorkTexts } from './texts';

export const myCopyPath = (copy: IncomingCopy) => `/my-work/incoming/${encodeURIComponent(copy.id)}`;
const handlerActions = (copy: IncomingCopy) => <HandlerActions copy={copy} size="xs" />;
/** A handler's copies are those once assigned: never merely arrived or accepted. */
const HANDLER_STATUSES = RECIPIENT_STATUSES.filter((s) => s !== 'arrived' && s !== 'accepted');

/** The incoming copies assigned to the signed-in person, paged by the service (`handler` = them). */
export function MyCopies() {
  const { t } = useMyWorkTexts();
  const { principal } = useSignedIn();
  const { view, filter, onPagination } = useListView();
  const statusOptions = [{ value: '', label: t('filters.allStatuses') }, ...HANDLER_STATUSES.map((s) => ({ value: s, label: t(`recipientStatus.${s}`) }))];
  return (
    <Stack>
      <Group align="flex-end" role="search" aria-label={t('copies.filters')}>
        <Select label={t('filters.status')} data={statusOptions} value={view.status ?? ''} onChange={(value) => filter({ status: value ?? undefined })} allowDeselect={false} w={200} />
      </Group>
      <IncomingTable
        view={{ ...view, handler: principal.userId }}
        caption={t('copies.caption')}
        empty={t('copies.empty')}
        copyPath={myCopyPath}
        actions={handlerActions}
        onPagination={onPagination}
      />
    </Stack>
  );
}
