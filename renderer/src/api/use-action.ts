import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output, ProcedureName } from '../../../electron/api/contract';
import { isLang } from '../../../electron/api/i18n';
import { ApiError, call } from './client';

/**
 * Runs a write procedure from a form or a button: tracks that it is running, shows the error the
 * core sent (in the user's language) or a short confirmation, and hands back the answer.
 */
export function useAction() {
  const { t, i18n } = useTranslation();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const lang = isLang(i18n.language) ? i18n.language : 'id';

  const run = useCallback(
    async <K extends ProcedureName>(name: K, input: Input<K>, success?: string): Promise<Output<K> | null> => {
      setRunning(true);
      setError(null);
      try {
        const value = await call(name, input, lang);
        if (success) notifications.show({ color: 'teal', message: success });
        return value;
      } catch (caught) {
        const apiError = caught instanceof ApiError ? caught : new ApiError({ code: 'internal', message: String(caught) });
        setError(apiError);
        notifications.show({ color: 'red', title: t('common.errorTitle'), message: apiError.message });
        return null;
      } finally {
        setRunning(false);
      }
    },
    [lang, t],
  );

  return { run, running, error, clearError: () => setError(null) };
}

/**
 * The form fields an error is about: zod issues carry their path, core errors name a `field`.
 * Unknown shapes give no field, and the message still shows in the notification.
 */
export function fieldErrors(error: ApiError | null): Record<string, string> {
  if (!error) return {};
  const details = error.details;
  if (Array.isArray(details)) {
    const out: Record<string, string> = {};
    for (const issue of details as { path?: unknown[]; message?: string }[]) {
      const field = issue.path?.[0];
      if (typeof field === 'string' && issue.message && !out[field]) out[field] = issue.message;
    }
    return out;
  }
  if (details && typeof details === 'object' && 'field' in details && typeof details.field === 'string') {
    return { [details.field]: error.message };
  }
  return {};
}
