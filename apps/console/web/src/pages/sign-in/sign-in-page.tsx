import { Alert, Badge, Box, Button, Center, Container, Group, Loader, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { homeOf } from '../../app/navigation';
import { signInWithProvider } from '../../auth/oidc';
import { useSession } from '../../auth/session-context';
import { developmentSignIn, useDemoUsers, useSignInConfig, type DemoUser } from '../../auth/sign-in-config';
import { LanguageSwitch } from '../../app/shell/language-switch';
import { ProblemAlert } from '../../components/problem-alert';
import classes from './sign-in-page.module.css';

/** Only a path of this console: `next` comes from the address bar and must not send anyone elsewhere. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : undefined);

function groupByOrganisation(users: DemoUser[]): Array<{ org: string; orgName: string; users: DemoUser[] }> {
  const groups = new Map<string, { org: string; orgName: string; users: DemoUser[] }>();
  for (const user of users) {
    const group = groups.get(user.org) ?? { org: user.org, orgName: user.orgName, users: [] };
    group.users.push(user);
    groups.set(user.org, group);
  }
  return [...groups.values()];
}

/** Development: pick one of the demo users, grouped by organisation (the local stack only). */
function DemoUserList({ next }: { next?: string }) {
  const { t } = useTranslation();
  const { begin } = useSession();
  const navigate = useNavigate();
  const users = useDemoUsers();
  const signIn = useMutation({
    mutationFn: developmentSignIn,
    onSuccess: ({ accessToken }) => {
      const session = begin(accessToken, 'development');
      void navigate(next ?? homeOf(session.principal.role), { replace: true });
    },
  });
  if (users.isPending) return <Loader aria-label={t('app.loading')} />;
  if (users.isError) return <ProblemAlert error={users.error} />;
  return (
    <Stack gap="lg">
      <Alert color="blue" variant="outline" title={t('signIn.development.title')}>
        {t('signIn.development.body')}
      </Alert>
      {signIn.isError && <ProblemAlert error={signIn.error} title={t('signIn.failed')} />}
      {groupByOrganisation(users.data.items).map((group) => (
        <Box component="section" key={group.org} aria-labelledby={`org-${group.org}`}>
          <Title order={2} size="h4" id={`org-${group.org}`} mb="xs">
            {group.orgName}
          </Title>
          <Box component="ul" className={classes.users}>
            {group.users.map((user) => (
              <li key={user.id}>
                <UnstyledButton className={classes.user} onClick={() => signIn.mutate(user.id)} disabled={signIn.isPending} data-user={user.id}>
                  <Group justify="space-between" wrap="nowrap" gap="sm">
                    <div>
                      <Text fw={600}>{user.fullName}</Text>
                      <Text size="sm" c="dimmed">
                        {user.position}
                      </Text>
                    </div>
                    <Badge variant="outline" color="blue.9" className={classes.role}>
                      {t(`roles.${user.role}`)}
                    </Badge>
                  </Group>
                </UnstyledButton>
              </li>
            ))}
          </Box>
        </Box>
      ))}
    </Stack>
  );
}

/** Production: the office's identity provider. */
function ProviderButton({ next }: { next?: string }) {
  const { t } = useTranslation();
  const config = useSignInConfig();
  const go = useMutation({ mutationFn: () => (config.data?.mode === 'oidc' ? signInWithProvider(config.data, next ?? '/') : Promise.resolve()) });
  return (
    <Stack>
      <Text>{t('signIn.oidc.body')}</Text>
      {go.isError && <ProblemAlert error={go.error} title={t('signIn.failed')} />}
      <Button onClick={() => go.mutate()} loading={go.isPending} w="fit-content">
        {t('signIn.oidc.button')}
      </Button>
    </Stack>
  );
}

export default function SignInPage() {
  const { t } = useTranslation();
  const { session, ended } = useSession();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const config = useSignInConfig();
  if (session) return <Navigate to={next ?? homeOf(session.principal.role)} replace />;
  return (
    <Container component="main" size="md" py="xl">
      <Group justify="space-between" mb="lg">
        <Text fw={700} c="blue.9">
          {t('app.name')}
        </Text>
        <LanguageSwitch />
      </Group>
      <Paper withBorder p="xl" radius="md">
        <Stack gap="lg">
          <Title order={1}>{t('signIn.title')}</Title>
          {ended && (
            <Alert color="yellow" role="status">
              {t(`signIn.ended.${ended}`)}
            </Alert>
          )}
          {config.isPending && (
            <Center>
              <Loader aria-label={t('app.loading')} />
            </Center>
          )}
          {config.isError && <ProblemAlert error={config.error} />}
          {config.data?.mode === 'development' && <DemoUserList next={next} />}
          {config.data?.mode === 'oidc' && <ProviderButton next={next} />}
        </Stack>
      </Paper>
    </Container>
  );
}
