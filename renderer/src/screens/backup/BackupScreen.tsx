import { Alert, Badge, Button, Group, List, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatNumber } from '../../../../electron/api/format';
import type { Output } from '../../../../electron/api/contract';
import { useCan } from '../../api/session';
import { useAction } from '../../api/use-action';
import { useLang } from '../../api/use-lang';
import { useProcedure } from '../../api/use-procedure';
import { Loadable } from '../../components/Loadable';

type Backup = Output<'backup:list'>['backups'][number];
type CheckReport = Output<'check:run'>;

const sizeText = (bytes: number) => `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;

function CheckResult({ report }: { report: CheckReport }) {
  const { t } = useTranslation();
  if (report.ok) {
    return (
      <Alert color="teal" data-testid="check-result" data-ok="true">
        {t('backup.screen.checkOk', { documents: report.documents.checked, entries: report.audit.entries })}
      </Alert>
    );
  }
  return (
    <Alert color="red" title={t('backup.screen.checkProblems')} data-testid="check-result" data-ok="false">
      <List size="sm">
        {report.integrity.count > 0 && <List.Item>{t('backup.screen.integrityProblems', { count: report.integrity.count })}</List.Item>}
        {report.foreignKeys.count > 0 && <List.Item>{t('backup.screen.foreignKeyProblems', { count: report.foreignKeys.count })}</List.Item>}
        {report.documents.problems.length > 0 && <List.Item>{t('backup.screen.documentProblems', { count: report.documents.problems.length })}</List.Item>}
        {report.audit.firstBreak && <List.Item>{t('backup.screen.auditBroken', { seq: report.audit.firstBreak.seq })}</List.Item>}
      </List>
    </Alert>
  );
}

/**
 * Cadangan: make a backup now, see the backups in the folder (the automatic daily ones too), copy
 * one elsewhere (desktop), and check the database. Restoring is `ksbb restore` with the app closed.
 */
export function BackupScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const list = useProcedure('backup:list', {});
  const backup = useAction();
  const check = useAction();
  const can = useCan();
  const [report, setReport] = useState<CheckReport | null>(null);
  const desktop = window.ksbb;

  const create = async () => {
    const made = await backup.run('backup:create', {});
    if (!made) return;
    notifications.show({ color: 'teal', message: t('backup.screen.created', { fileName: made.fileName, size: sizeText(made.sizeBytes) }) });
    if (list.status === 'ready') list.reload();
  };
  const saveAs = async (item: Backup) => {
    const saved = await desktop?.saveBackupAs(item.fileName, lang);
    if (saved && !saved.ok) notifications.show({ color: 'red', title: t('common.errorTitle'), message: saved.error.message });
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t('backup.screen.title')}</Title>
      <Text size="sm" maw={820}>
        {t('backup.screen.intro')}
      </Text>
      <Group>
        {can('backup:create') && (
          <Button onClick={() => void create()} loading={backup.running} data-testid="backup-create">
            {t('backup.screen.create')}
          </Button>
        )}
        <Button variant="default" onClick={() => void check.run('check:run', {}).then(setReport)} loading={check.running} data-testid="check-run">
          {t('backup.screen.check')}
        </Button>
      </Group>
      {report && <CheckResult report={report} />}
      <Loadable state={list}>
        {({ folder, backups }) => (
          <Paper withBorder p="md">
            <Text size="sm" c="dimmed" mb="sm" data-testid="backup-folder">
              {t('backup.screen.folder', { folder })}
            </Text>
            {backups.length === 0 ? (
              <Text size="sm">{t('backup.screen.none')}</Text>
            ) : (
              <Table striped data-testid="backup-list">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('backup.screen.columns.createdAt')}</Table.Th>
                    <Table.Th>{t('backup.screen.columns.kind')}</Table.Th>
                    <Table.Th>{t('backup.screen.columns.fileName')}</Table.Th>
                    <Table.Th ta="right">{t('backup.screen.columns.size')}</Table.Th>
                    {desktop && can('backup:locate') && <Table.Th />}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {backups.map((item) => (
                    <Table.Tr key={item.fileName} data-testid="backup-row">
                      <Table.Td>
                        {formatDate(item.createdAt.slice(0, 10), lang)} {item.createdAt.slice(11, 16)} UTC
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light">{t(`backup.screen.kind.${item.kind}`)}</Badge>
                      </Table.Td>
                      <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.fileName}</Table.Td>
                      <Table.Td ta="right">{sizeText(item.sizeBytes)}</Table.Td>
                      {desktop && can('backup:locate') && (
                        <Table.Td>
                          <Button size="xs" variant="subtle" onClick={() => void saveAs(item)}>
                            {t('backup.screen.saveAs')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Paper>
        )}
      </Loadable>
    </Stack>
  );
}
