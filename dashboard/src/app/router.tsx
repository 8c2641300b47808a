import { lazy, Suspense, useEffect, useState, type ComponentType, type LazyExoticComponent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '@tallyroom/contracts';
import { currentOrganisation, takeOrganisationToken } from '../lib/org-session';
import { rememberElection, takeTokenFromLocation } from '../lib/session';
import type { ScreenProps } from './meeting-screen';
import type { ElectionScreenRole } from '../features/process/election-screen';

/** Each screen is its own chunk: a kiosk phone never downloads the chair console or the replay. */
const screens: Record<Role, LazyExoticComponent<ComponentType<ScreenProps>>> = {
  chair: lazy(() => import('./routes/chair')),
  observer: lazy(() => import('./routes/observer')),
  kiosk: lazy(() => import('./routes/check-in')),
  member: lazy(() => import('./routes/member')),
  teller: lazy(() => import('./routes/teller')),
  scrutineer: lazy(() => import('./routes/scrutineer')),
  supervisor: lazy(() => import('./routes/supervisor')),
  clerk: lazy(() => import('./routes/clerk')),
};
const Home = lazy(() => import('./routes/home'));
/** A 换届's process screen (election-<id>): the chair drives it, an observer reads it. */
const ElectionRoute = lazy(() => import('./routes/election'));
/** approver: the upper organisation's approver with its organisation link, answering the branch's reports. */
const ELECTION_ROLES: readonly string[] = ['chair', 'observer', 'approver'] satisfies ElectionScreenRole[];
/** An upper organisation's district board: every meeting of its subtree, live. */
const BoardRoute = lazy(() => import('./routes/board'));
/** An organisation's console (tree, forms); its token is the tab's current organisation credential. */
const OrganisationRoute = lazy(() => import('./routes/organisation'));

type Route =
  | { name: 'home' }
  | { name: 'meeting'; meetingId: string; role: Role; token: string | null }
  | { name: 'election'; electionId: string; role: ElectionScreenRole; token: string | null }
  | { name: 'board'; organisationId: string; token: string | null }
  | { name: 'organisation'; organisationId: string; token: string | null }
  | { name: 'not-found' };

function match(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { name: 'home' };
  const m = /^\/m\/([^/]+)\/([a-z]+)\/?$/.exec(pathname);
  if (m && m[2]! in screens) {
    const meetingId = decodeURIComponent(m[1]!);
    const role = m[2] as Role;
    return { name: 'meeting', meetingId, role, token: takeTokenFromLocation(meetingId, role) };
  }
  const e = /^\/e\/([^/]+)\/([a-z]+)\/?$/.exec(pathname);
  if (e && ELECTION_ROLES.includes(e[2]!)) {
    const electionId = decodeURIComponent(e[1]!);
    const role = e[2] as ElectionScreenRole;
    rememberElection(electionId);
    return { name: 'election', electionId, role, token: takeTokenFromLocation(electionId, role) };
  }
  const b = /^\/o\/([^/]+)\/board\/?$/.exec(pathname);
  if (b) {
    const organisationId = decodeURIComponent(b[1]!);
    // The link's own key, else the tab's organisation credential (an ancestor's reads this board too).
    const token = takeOrganisationToken(organisationId) ?? currentOrganisation()?.token ?? null;
    return { name: 'board', organisationId, token };
  }
  const o = /^\/o\/([^/]+)\/?$/.exec(pathname);
  if (o) {
    const organisationId = decodeURIComponent(o[1]!);
    return { name: 'organisation', organisationId, token: takeOrganisationToken(organisationId) };
  }
  return { name: 'not-found' };
}

export function Router() {
  const { t } = useTranslation();
  const [route, setRoute] = useState<Route>(() => match(window.location.pathname));
  useEffect(() => {
    const onPop = () => setRoute(match(window.location.pathname));
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  let content;
  if (route.name === 'home') content = <Home />;
  else if (route.name === 'meeting') {
    const Screen = screens[route.role];
    content = (
      <Screen
        key={`${route.meetingId}/${route.role}`}
        meetingId={route.meetingId}
        role={route.role}
        token={route.token}
      />
    );
  } else if (route.name === 'election') {
    content = (
      <ElectionRoute
        key={`${route.electionId}/${route.role}`}
        electionId={route.electionId}
        role={route.role}
        token={route.token}
      />
    );
  } else if (route.name === 'board') {
    content = <BoardRoute key={route.organisationId} organisationId={route.organisationId} token={route.token} />;
  } else if (route.name === 'organisation') {
    content = (
      <OrganisationRoute key={route.organisationId} organisationId={route.organisationId} token={route.token} />
    );
  } else {
    content = (
      <main className="screen">
        <h1>{t('app.notFound')}</h1>
        <p>
          <a href="/">{t('app.backHome')}</a>
        </p>
      </main>
    );
  }
  return (
    <div className="app-root">
      <Suspense
        fallback={
          <p className="screen muted" role="status">
            {t('common.loading')}
          </p>
        }
      >
        {content}
      </Suspense>
    </div>
  );
}
