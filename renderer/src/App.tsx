import { Alert, AppShell, Burger, Group, MantineProvider, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { ProcedureName } from '../../electron/api/contract';
import { call } from './api/client';
import { SessionProvider, useCan } from './api/session';
import { AppInfo } from './components/AppInfo';
import { LanguageSwitch } from './components/LanguageSwitch';
import { SyncIndicator } from './components/SyncIndicator';
import { UserMenu } from './components/UserMenu';
import { i18n } from './i18n';
import { GlobalSearch } from './components/GlobalSearch';
import { type Route, routeHref, useRoute } from './routes';
import { AgenciesScreen } from './screens/agencies/AgenciesScreen';
import { AgreementForm } from './screens/agreements/AgreementForm';
import { AgreementScreen } from './screens/agreements/AgreementScreen';
import { AgreementsScreen } from './screens/agreements/AgreementsScreen';
import { AuditScreen } from './screens/audit/AuditScreen';
import { SetupAdminScreen, SignInScreen } from './screens/auth/SignInScreen';
import { BackupScreen } from './screens/backup/BackupScreen';
import { DashboardScreen } from './screens/DashboardScreen';
import { ImportBatchesScreen } from './screens/imports/ImportBatchesScreen';
import { ImportScreen } from './screens/imports/ImportScreen';
import { defaultMapView } from './screens/map/map-view';
import { MapScreen } from './screens/map/MapScreen';
import { PartnerForm } from './screens/partners/PartnerForm';
import { PartnerScreen } from './screens/partners/PartnerScreen';
import { PartnersScreen } from './screens/partners/PartnersScreen';
import { RecapsScreen } from './screens/recaps/RecapsScreen';
import { RegionsScreen } from './screens/RegionsScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { TargetForm } from './screens/targets/TargetForm';
import { TargetScreen } from './screens/targets/TargetScreen';
import { TargetsScreen } from './screens/targets/TargetsScreen';
import { UsersScreen } from './screens/users/UsersScreen';
import { VerifyScreen } from './screens/verify/VerifyScreen';
import { DistributionVerifyScreen } from './screens/distributions/DistributionVerifyScreen';
import { OpenTargetsScreen } from './screens/distributions/OpenTargetsScreen';
import { SyncScreen } from './screens/sync/SyncScreen';

type Can = (name: ProcedureName) => boolean;

/**
 * Navigation: each entry with the screens that belong to it (so a detail screen lights its list),
 * and, for a screen that is there to write, whether the signed-in role may (`shown`).
 */
const navigation: { route: Route; label: string; testId: string; screens: Route['screen'][]; shown?: (can: Can) => boolean }[] = [
  { route: { screen: 'dashboard' }, label: 'nav.dashboard', testId: 'nav-dashboard', screens: ['dashboard'] },
  { route: { screen: 'partners' }, label: 'nav.partners', testId: 'nav-partners', screens: ['partners', 'partner', 'partner-new', 'partner-edit'] },
  {
    route: { screen: 'agreements' },
    label: 'nav.agreements',
    testId: 'nav-agreements',
    screens: ['agreements', 'agreement', 'agreement-new', 'agreement-edit'],
  },
  { route: { screen: 'targets' }, label: 'nav.targets', testId: 'nav-targets', screens: ['targets', 'target', 'target-new', 'target-edit'] },
  { route: { screen: 'open-targets' }, label: 'nav.openTargets', testId: 'nav-open-targets', screens: ['open-targets'] },
  { route: { screen: 'agencies' }, label: 'nav.agencies', testId: 'nav-agencies', screens: ['agencies'] },
  { route: { screen: 'imports' }, label: 'nav.imports', testId: 'nav-imports', screens: ['imports', 'import-batches'], shown: (can) => can('import:start') },
  // A role that may not import still reads what was imported, and from which file.
  {
    route: { screen: 'import-batches' },
    label: 'importWizard.batches.title',
    testId: 'nav-import-batches',
    screens: ['imports', 'import-batches'],
    shown: (can) => !can('import:start'),
  },
  { route: { screen: 'distributions-verify' }, label: 'nav.distributionsVerify', testId: 'nav-distributions-verify', screens: ['distributions-verify'] },
  { route: { screen: 'recaps', tab: 'program', parentCode: null, filters: {} }, label: 'nav.recaps', testId: 'nav-recaps', screens: ['recaps'] },
  { route: { screen: 'map', ...defaultMapView }, label: 'nav.map', testId: 'nav-map', screens: ['map'] },
  { route: { screen: 'regions', code: null }, label: 'nav.regions', testId: 'nav-regions', screens: ['regions'] },
  { route: { screen: 'reports' }, label: 'nav.reports', testId: 'nav-reports', screens: ['reports'] },
  { route: { screen: 'verify' }, label: 'nav.verify', testId: 'nav-verify', screens: ['verify'] },
  { route: { screen: 'backup' }, label: 'backup.nav', testId: 'nav-backup', screens: ['backup'] },
  { route: { screen: 'audit' }, label: 'auth.audit.nav', testId: 'nav-audit', screens: ['audit'] },
  { route: { screen: 'sync' }, label: 'sync.screen.nav', testId: 'nav-sync', screens: ['sync'] },
  { route: { screen: 'users' }, label: 'auth.users.nav', testId: 'nav-users', screens: ['users'], shown: (can) => can('user:create') },
];

/**
 * A screen that only writes (a form, the import wizard), reached by a role that may not write
 * there (an old link, a typed address), gives way to the screen that reads the same records.
 */
function readableRoute(route: Route, can: Can): Route {
  switch (route.screen) {
    case 'partner-new':
      return can('partner:create') ? route : { screen: 'partners' };
    case 'partner-edit':
      return can('partner:update') ? route : { screen: 'partner', id: route.id };
    case 'agreement-new':
      if (can('agreement:create')) return route;
      if (route.parentId) return { screen: 'agreement', id: route.parentId };
      return route.partnerId ? { screen: 'partner', id: route.partnerId } : { screen: 'agreements' };
    case 'agreement-edit':
      return can('agreement:update') ? route : { screen: 'agreement', id: route.id };
    case 'target-new':
      return can('target:create') ? route : { screen: 'targets' };
    case 'target-edit':
      return can('target:update') ? route : { screen: 'target', id: route.id };
    case 'imports':
      return can('import:start') ? route : { screen: 'import-batches' };
    default:
      return route;
  }
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'dashboard':
      return <DashboardScreen />;
    case 'regions':
      return <RegionsScreen code={route.code} />;
    case 'partners':
      return <PartnersScreen />;
    case 'partner-new':
      return <PartnerForm />;
    case 'partner':
      return <PartnerScreen key={route.id} id={route.id} />;
    case 'partner-edit':
      return <PartnerForm key={route.id} id={route.id} />;
    case 'agreements':
      return <AgreementsScreen />;
    case 'agreement-new':
      return <AgreementForm key={`${route.partnerId}-${route.parentId}`} partnerId={route.partnerId} parentId={route.parentId} />;
    case 'agreement':
      return <AgreementScreen key={route.id} id={route.id} />;
    case 'agreement-edit':
      return <AgreementForm key={route.id} id={route.id} />;
    case 'targets':
      return <TargetsScreen />;
    case 'target-new':
      return <TargetForm />;
    case 'target':
      return <TargetScreen key={route.id} id={route.id} />;
    case 'target-edit':
      return <TargetForm key={route.id} id={route.id} />;
    case 'agencies':
      return <AgenciesScreen />;
    case 'recaps':
      return <RecapsScreen view={route} />;
    case 'map':
      return <MapScreen view={route} />;
    case 'verify':
      return <VerifyScreen />;
    case 'distributions-verify':
      return <DistributionVerifyScreen />;
    case 'open-targets':
      return <OpenTargetsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'backup':
      return <BackupScreen />;
    case 'users':
      return <UsersScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'sync':
      return <SyncScreen />;
    case 'imports':
      return <ImportScreen />;
    case 'import-batches':
      return <ImportBatchesScreen />;
  }
}

function Shell() {
  const { t } = useTranslation();
  const can = useCan();
  const route = readableRoute(useRoute(), can);
  const [opened, { toggle, close }] = useDisclosure();
  const [error, setError] = useState<Error | null>(null);

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    const onChange = (lang: string) => {
      document.documentElement.lang = lang;
    };
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, []);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.dashboard')} />
            <div>
              <Title order={1} size="h4">
                {t('app.name')}
              </Title>
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('app.tagline')}
              </Text>
            </div>
          </Group>
          <Group gap="sm">
            <SyncIndicator />
            <GlobalSearch />
            <LanguageSwitch onError={setError} />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.name')}>
        <AppShell.Section grow>
        {navigation.filter((item) => !item.shown || item.shown(can)).map((item) => (
          <NavLink
            key={item.label}
            href={routeHref(item.route)}
            label={t(item.label)}
            active={item.screens.includes(route.screen)}
            onClick={close}
            data-testid={item.testId}
          />
        ))}
        </AppShell.Section>
        <AppShell.Section p="xs">
          <AppInfo />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {error && (
          <Alert color="red" title={t('common.errorTitle')} withCloseButton onClose={() => setError(null)} mb="md" role="alert">
            {error.message}
          </Alert>
        )}
        <Screen route={route} />
      </AppShell.Main>
    </AppShell>
  );
}

/** Reads the saved language before the first screen, so the app opens in the user's language. */
export function App() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    call('settings:get', {}, 'id')
      .then((settings) => i18n.changeLanguage(settings.language))
      .catch(() => undefined)
      .finally(() => setReady(true));
  }, []);
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider defaultColorScheme="light" theme={{ primaryColor: 'teal', fontFamily: 'system-ui, sans-serif' }}>
        <Notifications position="top-right" />
        {ready ? (
          <SessionProvider fallback={null}>{(session) => (session.user ? <Shell /> : session.needsSetup ? <SetupAdminScreen /> : <SignInScreen />)}</SessionProvider>
        ) : null}
      </MantineProvider>
    </I18nextProvider>
  );
}
