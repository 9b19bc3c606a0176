import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../auth/me';
import { useSignInConfig } from '../../auth/sign-in-config';
import { useSession } from '../../auth/session-context';

/** Who is signed in, of which organisation, and the way out. */
export function UserBlock() {
  const { t } = useTranslation();
  const me = useMe();
  const { session, end } = useSession();
  const config = useSignInConfig();
  const signOut = async () => {
    const via = session?.via;
    end('signed-out');
    // The provider's library loads only for those who signed in through it.
    if (via === 'oidc' && config.data?.mode === 'oidc') await (await import('../../auth/oidc')).signOutOfProvider(config.data);
  };
  return (
    <Group gap="sm" wrap="nowrap">
      <Stack gap={0} align="flex-end" visibleFrom="sm">
        <Text size="sm" fw={600}>
          {me.fullName}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`roles.${me.role}`)} · {me.orgName}
        </Text>
      </Stack>
      <Button variant="default" size="xs" onClick={() => void signOut()}>
        {t('header.signOut')}
      </Button>
    </Group>
  );
}
