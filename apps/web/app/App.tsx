import { Suspense, lazy, useEffect, useMemo } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { createApiClient } from './api/client';
import { useSession } from './session/useSession';
import { SignIn } from './screens/SignIn';
import { ChooseOrganisation } from './screens/ChooseOrganisation';
import { OrgLayout } from './layout/OrgLayout';
import { Overview } from './screens/Overview';
import { NotFound } from './screens/NotFound';
import { Loading } from './ui/Page';

// Screens past the first are loaded when first visited: the first load stays small, and charts
// (ECharts) arrive only with the screens that draw them.
// Once the first screen is up, the others are fetched in the background, so a screen change
// waits for its data only.
const screens = {
  Checklist: () => import('./screens/assessment/Checklist'),
  TeamView: () => import('./screens/assessment/TeamView'),
  Submit: () => import('./screens/assessment/Submit'),
  Scores: () => import('./screens/assessment/Scores'),
  Changes: () => import('./screens/assessment/Changes'),
  Plan: () => import('./screens/plan/Plan'),
  ItemDetail: () => import('./screens/plan/ItemDetail'),
  Progress: () => import('./screens/Progress'),
  EvidenceLibrary: () => import('./screens/EvidenceLibrary'),
  Partners: () => import('./screens/Partners'),
  Exports: () => import('./screens/Exports'),
  Import: () => import('./screens/imports/Import'),
  Members: () => import('./screens/settings/Members'),
  ApiKeys: () => import('./screens/settings/ApiKeys'),
  RegionalDashboard: () => import('./screens/benchmarks/RegionalDashboard'),
  NetworkMembers: () => import('./screens/benchmarks/NetworkMembers'),
  Benchmarks: () => import('./screens/benchmarks/Benchmarks'),
  Webhooks: () => import('./screens/settings/Webhooks'),
  Notifications: () => import('./screens/settings/Notifications'),
  OrganisationSettings: () => import('./screens/settings/OrganisationSettings'),
  Account: () => import('./screens/account/Account'),
  SingleSignOn: () => import('./screens/settings/SingleSignOn'),
};
// Reached from an emailed link or the sign-in page: loaded only when opened.
const Join = lazy(() => import('./screens/account/Join'));
const ForgotPassword = lazy(() => import('./screens/account/ForgotPassword'));
const ResetPassword = lazy(() => import('./screens/account/ResetPassword'));
const SsoFinish = lazy(() => import('./screens/account/SsoFinish'));
const Checklist = lazy(screens.Checklist);
const TeamView = lazy(screens.TeamView);
const Submit = lazy(screens.Submit);
const Scores = lazy(screens.Scores);
const Changes = lazy(screens.Changes);
const Plan = lazy(screens.Plan);
const ItemDetail = lazy(screens.ItemDetail);
const Progress = lazy(screens.Progress);
const EvidenceLibrary = lazy(screens.EvidenceLibrary);
const Partners = lazy(screens.Partners);
const Exports = lazy(screens.Exports);
const Import = lazy(screens.Import);
const Members = lazy(screens.Members);
const ApiKeys = lazy(screens.ApiKeys);
const RegionalDashboard = lazy(screens.RegionalDashboard);
const NetworkMembers = lazy(screens.NetworkMembers);
const Benchmarks = lazy(screens.Benchmarks);
const Webhooks = lazy(screens.Webhooks);
const Notifications = lazy(screens.Notifications);
const OrganisationSettings = lazy(screens.OrganisationSettings);
const Account = lazy(screens.Account);
const SingleSignOn = lazy(screens.SingleSignOn);

function usePrefetchScreens(signedIn: boolean) {
  useEffect(() => {
    if (!signedIn) return;
    const timer = setTimeout(() => Object.values(screens).forEach((load) => void load()), 300);
    return () => clearTimeout(timer);
  }, [signedIn]);
}

export function App() {
  const session = useSession();
  const publicClient = useMemo(() => createApiClient(null), []);
  const signedIn = session.status !== 'signed-out';
  usePrefetchScreens(signedIn);
  return (
    <Provider value={publicClient}>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/sign-in" element={signedIn ? <AfterSignIn /> : <SignIn />} />
          <Route path="/" element={signedIn ? <ChooseOrganisation /> : <Navigate to="/sign-in" replace />} />
          <Route path="/join" element={<Join />} />
          <Route path="/forgot-password" element={<ForgotPassword />} />
          <Route path="/reset-password" element={<ResetPassword />} />
          <Route path="/sso/finish" element={<SsoFinish />} />
          <Route path="/account" element={signedIn ? <Account /> : <RememberPlace />} />
          <Route path="/o/:orgId" element={signedIn ? <OrgLayout /> : <RememberPlace />}>
            <Route index element={<Overview />} />
            <Route path="assessments/:assessmentId" element={<Navigate to="checklist" replace />} />
            <Route path="assessments/:assessmentId/checklist/:elementKey?" element={<Checklist />} />
            <Route path="assessments/:assessmentId/team" element={<TeamView />} />
            <Route path="assessments/:assessmentId/submit" element={<Submit />} />
            <Route path="assessments/:assessmentId/scores" element={<Scores />} />
            <Route path="assessments/:assessmentId/changes" element={<Changes />} />
            <Route path="plan" element={<Plan />} />
            <Route path="plan/:itemId" element={<ItemDetail />} />
            <Route path="progress" element={<Progress />} />
            <Route path="evidence" element={<EvidenceLibrary />} />
            <Route path="partners" element={<Partners />} />
            <Route path="exports" element={<Exports />} />
            <Route path="imports/:kind" element={<Import />} />
            <Route path="settings/members" element={<Members />} />
            <Route path="settings/api-keys" element={<ApiKeys />} />
            <Route path="network" element={<RegionalDashboard />} />
            <Route path="network/members" element={<NetworkMembers />} />
            <Route path="benchmarks" element={<Benchmarks />} />
            <Route path="settings/webhooks" element={<Webhooks />} />
            <Route path="settings/notifications" element={<Notifications />} />
            <Route path="settings/sign-in" element={<SingleSignOn />} />
            <Route path="settings/organisation" element={<OrganisationSettings />} />
            <Route path="*" element={<NotFound />} />
          </Route>
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Suspense>
    </Provider>
  );
}

/** A deep link opened while signed out comes back after signing in. */
function RememberPlace() {
  const location = useLocation();
  return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
}

function AfterSignIn() {
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  return <Navigate to={from?.startsWith('/o/') || from === '/account' ? from : '/'} replace />;
}
