import { Alert, AppShell, Burger, Group, MantineProvider, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { call } from './api/client';
import { AppInfo } from './components/AppInfo';
import { LanguageSwitch } from './components/LanguageSwitch';
import { i18n } from './i18n';
import { type Route, routeHref, useRoute } from './routes';
import { DashboardScreen } from './screens/DashboardScreen';
import { RegionsScreen } from './screens/RegionsScreen';

const navigation: { route: Route; label: string }[] = [
  { route: { screen: 'dashboard' }, label: 'nav.dashboard' },
  { route: { screen: 'regions', code: null }, label: 'nav.regions' },
];

function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
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
          <LanguageSwitch onError={setError} />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.name')}>
        <AppShell.Section grow>
        {navigation.map((item) => (
          <NavLink
            key={item.label}
            href={routeHref(item.route)}
            label={t(item.label)}
            active={route.screen === item.route.screen}
            onClick={close}
            data-testid={`nav-${item.route.screen}`}
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
        {route.screen === 'dashboard' && <DashboardScreen />}
        {route.screen === 'regions' && <RegionsScreen code={route.code} />}
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
        {ready ? <Shell /> : null}
      </MantineProvider>
    </I18nextProvider>
  );
}
