import { Button, Menu } from '@mantine/core';
import type { TFunction } from 'i18next';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../electron/api/contract';
import { formatNumber } from '../../../electron/api/format';
import { downloadBase64File } from '../api/download';
import { useAction } from '../api/use-action';

export interface ExportChoice {
  label: string;
  input: Input<'export:table'>;
  testId?: string;
}

export interface ExportGroup {
  label?: string;
  choices: ExportChoice[];
}

/** The usual pair for one table: Excel with its Manifest, and plain CSV. */
export function workbookAndCsv(input: Omit<Input<'export:table'>, 'format'>, t: TFunction, testId?: string): ExportChoice[] {
  return [
    { label: t('recapScreens.export.xlsx'), input: { ...input, format: 'xlsx' }, testId: testId && `${testId}-xlsx` },
    { label: t('recapScreens.export.csv'), input: { ...input, format: 'csv' }, testId: testId && `${testId}-csv` },
  ];
}

/**
 * "Ekspor ▾": the core writes the file (`export:table`, the same queries and filters as the
 * screen) and the browser downloads it.
 */
export function ExportMenu({ groups, testId }: { groups: ExportGroup[]; testId?: string }) {
  const { t } = useTranslation();
  const { run, running } = useAction();

  const exportFile = async (choice: ExportChoice) => {
    const file = await run('export:table', choice.input);
    if (!file) return;
    downloadBase64File({
      fileName: file.fileName,
      contentBase64: file.contentBase64,
      mediaType: choice.input.format === 'csv' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    notifications.show({ color: 'teal', message: t('recapScreens.export.done', { fileName: file.fileName, rows: formatNumber(file.rows) }) });
  };

  return (
    <Menu position="bottom-end" shadow="md" width={300} withinPortal>
      <Menu.Target>
        <Button variant="default" loading={running} data-testid={testId} rightSection={<span aria-hidden="true">▾</span>} style={{ flexShrink: 0 }}>
          {t('recapScreens.export.button')}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {groups.map((group, index) => (
          <div key={group.label ?? index}>
            {index > 0 && <Menu.Divider />}
            {group.label && <Menu.Label>{group.label}</Menu.Label>}
            {group.choices.map((choice) => (
              <Menu.Item key={`${choice.input.kind}-${choice.input.format}`} onClick={() => void exportFile(choice)} data-testid={choice.testId}>
                {choice.label}
              </Menu.Item>
            ))}
          </div>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
