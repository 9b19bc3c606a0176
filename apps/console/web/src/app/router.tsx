import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate, createBrowserRouter, type RouteObject } from 'react-router';
import { useSignedIn } from '../auth/session-context';
import { AREAS, homeOf, type Area } from './navigation';
import { RequireRole } from './require-role';
import { RequireSession } from './require-session';
import { RouteError } from './route-error';
import { ConsoleShell } from './shell/console-shell';

function Home() {
  return <Navigate to={homeOf(useSignedIn().principal.role)} replace />;
}

/** Each page is a chunk of its own, loaded when it is first opened. */
function areaRoute(area: Area & Required<Pick<Area, 'page'>>): RouteObject {
  return {
    path: `${area.path}/*`,
    lazy: async () => {
      const { default: Page } = await area.page();
      return {
        Component: () => (
          <RequireRole area={area}>
            <Page />
          </RequireRole>
        ),
      };
    },
  };
}

const built = AREAS.filter((area): area is Area & Required<Pick<Area, 'page'>> => area.page !== undefined);

/** While the first page's chunk loads. */
function Loading() {
  const { t } = useTranslation();
  return (
    <Center mih="50vh" role="status">
      <Loader aria-label={t('app.loading')} />
    </Center>
  );
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { path: '/sign-in', lazy: () => import('../pages/sign-in/sign-in-page').then((m) => ({ Component: m.default })) },
      { path: '/sign-in/callback', lazy: () => import('../pages/sign-in/sign-in-callback-page').then((m) => ({ Component: m.default })) },
      {
        element: <RequireSession />,
        children: [
          {
            element: <ConsoleShell />,
            errorElement: <RouteError />,
            children: [
              { index: true, Component: Home },
              ...built.map(areaRoute),
              { path: '*', lazy: () => import('../pages/not-found/not-found-page').then((m) => ({ Component: m.default })) },
            ],
          },
        ],
      },
    ],
  },
]);
