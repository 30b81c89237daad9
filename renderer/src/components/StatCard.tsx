import { Paper, Text } from '@mantine/core';

/** One headline figure, already formatted the id-ID way. */
export function StatCard({ id, label, value }: { id: string; label: string; value: string }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={`stat-${id}`}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} data-testid={`stat-${id}-value`} style={{ fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </Paper>
  );
}
