import { Container, Loader, Stack, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { completeProviderSignIn } from '../../auth/oidc';
import { useSession } from '../../auth/session-context';
import { fetchSignInConfig } from '../../auth/sign-in-config';
import { ProblemAlert } from '../../components/problem-alert';

/** Back from the identity provider: exchange the code (PKCE) for tokens, then on to where the person was going. */
export default function SignInCallbackPage() {
  const { t } = useTranslation();
  const { begin } = useSession();
  const done = useQuery({
    queryKey: ['auth', 'callback', window.location.search],
    queryFn: async () => {
      const config = await fetchSignInConfig();
      if (config.mode !== 'oidc') throw new Error(t('signIn.oidc.notConfigured'));
      const { accessToken, next } = await completeProviderSignIn(config);
      begin(accessToken, 'oidc', config.claims);
      return next;
    },
    retry: false,
    staleTime: Infinity,
  });
  if (done.data) return <Navigate to={done.data} replace />;
  return (
    <Container component="main" size="sm" py="xl">
      <Stack>
        <Title order={1}>{t('signIn.title')}</Title>
        {done.isError ? <ProblemAlert error={done.error} title={t('signIn.failed')} /> : <Loader aria-label={t('app.loading')} />}
      </Stack>
    </Container>
  );
}
