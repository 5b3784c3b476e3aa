/**
 * Every string `<ExportStatus />` shows, by key: `export_{status}` for the overall line,
 * `provider_{state}` for a provider's state. Providers' display names are a separate table.
 */
export const exportStatusText = {
  export_ready: 'Your data is ready',
  export_polling: 'Still preparing, this can take up to 15 minutes',
  export_failed: 'Some of your data could not be prepared. Please try connecting again later.',
  'export_timed-out': 'This is taking longer than expected. Please check again later.',
  export_error: 'We could not check on your data. Please try again later.',
  export_idle: 'Your data will be prepared once you connect.',
  provider_preparing: 'Preparing',
  provider_ready: 'Ready',
  provider_failed: 'Failed',
  'provider_timed-out': 'Timed out',
};

export type ExportStatusMessages = typeof exportStatusText;

/** Display names of the providers Emerge documents; any other shows its own id. */
export const exportProviderNames: Readonly<Record<string, string>> = {
  google_data: 'Google',
  gmail: 'Gmail',
};
