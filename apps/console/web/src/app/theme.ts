import { createTheme, Loader, type CSSVariablesResolver } from '@mantine/core';

/**
 * Colours chosen for contrast (WCAG AA, 4.5:1 for small text): the primary blue at shade 8 under
 * white text, and secondary text a shade darker than the library's default grey.
 */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif' },
  components: {
    // A spinner is a span named by its aria-label ("Đang tải…"): without a role a span may not carry one (axe: aria-prohibited-attr).
    Loader: Loader.extend({ defaultProps: { role: 'status' } }),
  },
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Validation messages and placeholders are small text too: the library's red 6 and grey 5 fall short of 4.5:1.
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-9)', '--mantine-color-placeholder': 'var(--mantine-color-gray-7)' },
  dark: {},
});
