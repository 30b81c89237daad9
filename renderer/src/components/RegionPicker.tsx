import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useProcedure } from '../api/use-procedure';

/** Parent codes of a kelurahan code: `31.71.01.1001` → kota `31.71`, kecamatan `31.71.01`. */
function partsOf(code: string | null): { kota: string | null; kecamatan: string | null; kelurahan: string | null } {
  if (!code) return { kota: null, kecamatan: null, kelurahan: null };
  return {
    kota: code.length >= 5 ? code.slice(0, 5) : null,
    kecamatan: code.length >= 8 ? code.slice(0, 8) : null,
    kelurahan: code.length >= 13 ? code.slice(0, 13) : null,
  };
}

function LevelSelect({
  parentCode,
  value,
  label,
  onChange,
  required,
  error,
  testId,
}: {
  parentCode: string | null;
  value: string | null;
  label: string;
  onChange: (code: string | null) => void;
  required?: boolean;
  error?: string;
  testId: string;
}) {
  const children = useProcedure('region:children', { parentCode });
  const data = children.status === 'ready' ? children.value.children.map((r) => ({ value: r.code, label: r.name })) : [];
  return (
    <Select
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable={!required}
      required={required}
      error={error}
      disabled={children.status !== 'ready'}
      nothingFoundMessage="—"
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

/**
 * Picks a wilayah down to the kelurahan: kota → kecamatan → kelurahan, each list from the
 * reference data. `value` is the deepest code chosen (a kota, kecamatan or kelurahan code).
 */
export function RegionPicker({
  value,
  onChange,
  requireKelurahan,
  error,
}: {
  value: string | null;
  onChange: (code: string | null) => void;
  requireKelurahan?: boolean;
  error?: string;
}) {
  const { t } = useTranslation();
  const parts = partsOf(value);
  return (
    <Group grow align="flex-start">
      <LevelSelect parentCode={null} value={parts.kota} label={t('level.kota')} onChange={onChange} required={requireKelurahan} testId="region-kota" />
      {parts.kota ? (
        <LevelSelect
          key={`kec-${parts.kota}`}
          parentCode={parts.kota}
          value={parts.kecamatan}
          label={t('level.kecamatan')}
          onChange={(code) => onChange(code ?? parts.kota)}
          required={requireKelurahan}
          testId="region-kecamatan"
        />
      ) : (
        <Select label={t('level.kecamatan')} data={[]} disabled required={requireKelurahan} />
      )}
      {parts.kecamatan ? (
        <LevelSelect
          key={`kel-${parts.kecamatan}`}
          parentCode={parts.kecamatan}
          value={parts.kelurahan}
          label={t('level.kelurahan')}
          onChange={(code) => onChange(code ?? parts.kecamatan)}
          required={requireKelurahan}
          error={error}
          testId="region-kelurahan"
        />
      ) : (
        <Select label={t('level.kelurahan')} data={[]} disabled required={requireKelurahan} error={error} />
      )}
    </Group>
  );
}
