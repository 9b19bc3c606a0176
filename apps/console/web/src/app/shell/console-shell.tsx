import { Anchor, AppShell, Badge, Burger, Group, NavLink, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigation } from 'react-router';
import { useSignedIn } from '../../auth/session-context';
import { useUnreadCount } from '../../pages/inbox/inbox-queries';
import { useLiveNotifications } from '../../pages/inbox/use-live-notifications';
import { areasFor } from '../navigation';
import { LanguageSwitch } from './language-switch';
import { UserBlock } from './user-block';
import classes from './console-shell.module.css';

/**
 * The unread count's badge: white on red 9 reads at 5.6:1 (the library's red 8, 4.5:1, only just);
 * it sits on the navigation's links at rest, hovered (grey 0) and active (blue 8, hovered blue 9).
 */
const UNREAD = 'red.9';

/**
 * The frame of every signed-in page: the header (the console's name, the inbox badge, the
 * person, the language, sign-out), the navigation of the person's role, and the page in <main>.
 */
export function ConsoleShell() {
  const { t } = useTranslation();
  const { accessToken, principal } = useSignedIn();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigation = useNavigation();
  const unread = useUnreadCount().data?.unread ?? 0;
  const latest = useLiveNotifications(accessToken);
  const areas = areasFor(principal.role);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <a href="#main" className={classes.skipLink}>
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('header.menu')} />
            <Anchor component={Link} to="/" fw={700} c="blue.9" underline="never">
              {t('app.name')}
            </Anchor>
          </Group>
          <Group gap="md" wrap="nowrap">
            {/* The count is read with its words ("3 unread"), and the name keeps the visible text. */}
            <Anchor component={Link} to="/inbox" size="sm">
              {t('nav.inbox')}
              {unread > 0 && (
                <>
                  <Badge color={UNREAD} variant="filled" size="sm" ml={6}>
                    {unread}
                  </Badge>
                  <VisuallyHidden>{t('header.unreadSuffix', { count: unread })}</VisuallyHidden>
                </>
              )}
            </Anchor>
            <LanguageSwitch />
            <UserBlock />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {areas.map((area) => {
          const active = location.pathname === area.path || location.pathname.startsWith(`${area.path}/`);
          return (
            <NavLink
              key={area.key}
              component={Link}
              to={area.path}
              label={t(`nav.${area.key}`)}
              active={active}
              // Filled: white on the primary blue keeps the contrast when the active item is hovered too.
              variant="filled"
              aria-current={active ? 'page' : undefined}
              onClick={close}
              rightSection={area.badge === 'unread' && unread > 0 ? <Badge color={UNREAD} variant="filled" size="sm">{unread}</Badge> : undefined}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        {navigation.state === 'loading' && (
          <Text size="sm" role="status">
            {t('app.loading')}
          </Text>
        )}
        <Outlet />
      </AppShell.Main>
      <VisuallyHidden aria-live="polite" role="status">
        {latest ? t('inbox.arrived', { title: latest.title }) : ''}
      </VisuallyHidden>
    </AppShell>
  );
}
